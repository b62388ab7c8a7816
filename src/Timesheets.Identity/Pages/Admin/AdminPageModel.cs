using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Sessions;

namespace Timesheets.Identity.Pages.Admin;

/// <summary>
/// The base of every admin page: the login session is checked against the database on each request
/// (<see cref="UserSessions"/>), so a blocked, deleted or demoted admin is out at once. No session:
/// the login page, then back here. A session without <see cref="RequiredPermission"/> (a Management
/// API permission, through the user's roles): 403. Handlers that change something check their own
/// permission with <see cref="Can"/>. POSTs carry an antiforgery token (Razor Pages check it).
/// </summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>The permission needed to see the page, e.g. <c>read:users</c>.</summary>
    protected abstract string RequiredPermission { get; }

    /// <summary>The signed-in admin; set before any handler runs.</summary>
    internal Session AdminSession { get; private set; } = null!;

    public string AdminEmail => AdminSession.Account.User.Email ?? AdminSession.Account.User.UserName ?? "";

    /// <summary>A message shown once after a change (post-redirect-get).</summary>
    [TempData]
    public string? Notice { get; set; }

    public bool Can(string permission) => AdminSession.Account.Has(permission);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var sessions = HttpContext.RequestServices.GetRequiredService<UserSessions>();
        var session = await sessions.FindAsync(HttpContext, HttpContext.RequestAborted);
        if (session is null)
        {
            context.Result = new ChallengeResult(IdentityConstants.ApplicationScheme,
                new AuthenticationProperties { RedirectUri = LocalRequestUrl.Of(Request) });
            return;
        }

        AdminSession = session;
        // The admin as the request's user, so AdminLog names who made a change on a page as it does for the API.
        HttpContext.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new System.Security.Claims.Claim("sub", session.UserId),
            new System.Security.Claims.Claim("email", session.Account.User.Email ?? ""),
        ], IdentityConstants.ApplicationScheme));
        if (!Can(RequiredPermission))
        {
            context.Result = Forbidden();
            return;
        }

        await next();
    }

    /// <summary>403 with a page that says why, for a handler the admin lacks the permission of.</summary>
    protected IActionResult Forbidden() => new ViewResult { ViewName = "/Pages/Admin/Forbidden.cshtml", StatusCode = StatusCodes.Status403Forbidden };
}
