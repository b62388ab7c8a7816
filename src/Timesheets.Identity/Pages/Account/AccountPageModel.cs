using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Sessions;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// A page of the user's own account (<c>/account/…</c>): it needs a live session, checked against the
/// database (<see cref="UserSessions"/>); without one, the login page and back here.
/// </summary>
public abstract class AccountPageModel : PageModel
{
    private Session? _session;

    internal Session CurrentSession => _session ?? throw new InvalidOperationException("The page ran without a session.");

    internal UserManager<ApplicationUser> Users => HttpContext.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();

    internal SignInManager<ApplicationUser> SignInManager => HttpContext.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();

    internal ILogger SecurityLogger => HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Security.SecurityLog.Category);

    public string UserName => CurrentSession.Account.User.Email ?? CurrentSession.Account.User.UserName ?? "";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        _session = await HttpContext.RequestServices.GetRequiredService<UserSessions>().FindAsync(HttpContext, HttpContext.RequestAborted);
        if (_session is null)
        {
            context.Result = Challenge(new AuthenticationProperties { RedirectUri = Request.PathBase + Request.Path + Request.QueryString },
                IdentityConstants.ApplicationScheme);
            return;
        }

        if (Authorize(_session) is { } refused)
        {
            context.Result = refused;
            return;
        }

        await next();
    }

    /// <summary>A further check once the session is known (the admin pages' permissions); null lets the handler run.</summary>
    private protected virtual IActionResult? Authorize(Session session) => null;

    /// <summary>The user, loaded for a change (the session's copy is read-only).</summary>
    internal async Task<ApplicationUser> LoadUserAsync() =>
        await Users.FindByIdAsync(CurrentSession.UserId) ?? throw new InvalidOperationException("The session's user no longer exists.");
}
