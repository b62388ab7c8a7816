using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Security;
using Timesheets.Identity.Sessions;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// <c>/account/sessions</c>: the apps the user is logged in to (OpenIddict's authorizations of the user),
/// each with a button that ends it: its tokens are revoked, so the app's next refresh fails.
/// </summary>
public sealed class SessionsModel : AccountPageModel
{
    private AppSessions Apps => HttpContext.RequestServices.GetRequiredService<AppSessions>();

    internal IReadOnlyList<AppSession> List { get; private set; } = [];

    [BindProperty]
    [Required]
    [StringLength(100)]
    public string AuthorizationId { get; set; } = "";

    public string? StatusMessage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        List = await Apps.ListAsync(CurrentSession.UserId, cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        // Only the user's own: another user's id (or a made-up one) is "not found", whatever it is.
        if (!ModelState.IsValid || await Apps.RevokeAsync(CurrentSession.UserId, AuthorizationId, cancellationToken) is not { } clientId)
        {
            return NotFound();
        }

        SecurityLog.AuthorizationRevoked(SecurityLogger, CurrentSession.UserId, AuthorizationId, clientId);
        StatusMessage = "The app is logged out: it asks for your password the next time it needs it.";
        List = await Apps.ListAsync(CurrentSession.UserId, cancellationToken);
        return Page();
    }
}
