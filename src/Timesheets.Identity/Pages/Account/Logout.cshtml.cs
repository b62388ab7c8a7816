using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Sessions;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// The confirmation <c>/v2/logout</c> asks for when nothing proves the user's own app sent them
/// (no <c>id_token_hint</c> of theirs). The POST (antiforgery-checked by Razor Pages) ends the
/// session for good, then returns to the logout request, which, with no session left, redirects
/// wherever OpenIddict allows.
/// </summary>
public sealed class LogoutModel : PageModel
{
    // Internal services: a page model is public, so it cannot take them in its constructor.
    private UserSessions Sessions => HttpContext.RequestServices.GetRequiredService<UserSessions>();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string UserName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!LocalRequestUrl.IsFor(ReturnUrl, "/v2/logout"))
        {
            return BadRequest();
        }

        if (await Sessions.FindAsync(HttpContext, cancellationToken) is not { } session)
        {
            return LocalRedirect(ReturnUrl!); // nothing to confirm
        }

        UserName = session.Account.User.Email ?? session.Account.User.UserName ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!LocalRequestUrl.IsFor(ReturnUrl, "/v2/logout"))
        {
            return BadRequest();
        }

        if (await Sessions.FindAsync(HttpContext, cancellationToken) is { } session)
        {
            await Sessions.EndAsync(session, cancellationToken);
        }

        return LocalRedirect(ReturnUrl!);
    }
}
