using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Sessions;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// "Continue to &lt;application&gt; as &lt;user&gt;?" before a code goes to a native or loopback
/// redirect from a session the user did not log into in this flow (RFC 8252 §8.6). Allow and Cancel
/// are POSTs with an antiforgery token (Razor Pages check it), so another app cannot press them; each
/// hands <c>/authorize</c> a one-shot proof bound to this user and this exact request.
/// </summary>
public sealed class ConsentModel(IOpenIddictApplicationManager applications) : PageModel
{
    // Internal services: a page model is public, so it cannot take them in its constructor.
    private UserSessions Sessions => HttpContext.RequestServices.GetRequiredService<UserSessions>();

    private InteractionProofs Proofs => HttpContext.RequestServices.GetRequiredService<InteractionProofs>();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Application { get; private set; } = "";

    public string UserName { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public Task<IActionResult> OnPostAllowAsync(CancellationToken cancellationToken) => DecideAsync(Interaction.Allowed, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken) => DecideAsync(Interaction.Denied, cancellationToken);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (!LocalRequestUrl.IsFor(ReturnUrl, "/authorize"))
        {
            return BadRequest();
        }

        var session = await Sessions.FindAsync(HttpContext, cancellationToken);
        if (session is null)
        {
            return LocalRedirect(ReturnUrl!); // logged out meanwhile: /authorize shows the login page
        }

        var clientId = QueryHelpers.ParseQuery(new Uri("http://local" + ReturnUrl).Query)["client_id"].ToString();
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return BadRequest();
        }

        Application = await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? clientId;
        UserName = session.Account.User.Email ?? session.Account.User.UserName ?? "";
        return Page();
    }

    private async Task<IActionResult> DecideAsync(Interaction decision, CancellationToken cancellationToken)
    {
        if (!LocalRequestUrl.IsFor(ReturnUrl, "/authorize"))
        {
            return BadRequest();
        }

        if (await Sessions.FindAsync(HttpContext, cancellationToken) is { } session)
        {
            Proofs.Issue(HttpContext, decision, session.UserId, ReturnUrl!);
        }

        return LocalRedirect(ReturnUrl!);
    }
}
