using Microsoft.AspNetCore.Mvc;

namespace Timesheets.Api.Features.Users;

internal static class UserProblems
{
    /// <summary>
    /// 403: the token is valid, but its verified email is bound to another <c>sub</c>. Not 401 (a new
    /// token of the same account would not help) and no <c>WWW-Authenticate</c> (no scope is missing).
    /// </summary>
    public static async Task WriteEmailTakenAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Email belongs to another user",
                Detail = "The verified email of this token is already bound to another account of this API; "
                    + "use that account, or ask an administrator to release the email.",
            },
        });
    }
}
