using Microsoft.AspNetCore.Http.HttpResults;

namespace Timesheets.Api.Security;

/// <summary>
/// RFC 6750 §3.1 <c>insufficient_scope</c>: one writer of the challenge, for the authorization
/// middleware (scope policies) and for endpoints that need a further scope for some requests only.
/// </summary>
internal static class InsufficientScope
{
    public const string Detail = "The access token lacks the scope this request needs.";

    /// <summary>Names the scopes the request needs in <c>WWW-Authenticate</c>.</summary>
    public static void Challenge(HttpResponse response, IEnumerable<string> scopes) =>
        response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{string.Join(' ', scopes)}\"";

    /// <summary>403 problem from an endpoint, with the challenge naming <paramref name="scope"/>.</summary>
    public static ProblemHttpResult Problem(HttpContext http, string scope, string detail)
    {
        Challenge(http.Response, [scope]);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
    }
}
