using Timesheets.Identity.Management;
using Timesheets.Identity.Management.SigningKeys;

namespace Timesheets.Identity.Pages.Admin.Keys;

/// <summary>Revokes a signing key (a leaked one) after a confirmation and a recent login.</summary>
public sealed class RevokeModel : ConfirmPageModel<SigningKeyResponse>
{
    protected override string RequiredPermission => ManagementScopes.UpdateSigningKeys;

    protected override string BackTo => "/admin/keys";

    private SigningKeyAdmin Admin => HttpContext.RequestServices.GetRequiredService<SigningKeyAdmin>();

    private protected override Task<AdminResult<SigningKeyResponse>> FindAsync(CancellationToken cancellationToken) => Admin.GetAsync(Id, cancellationToken);

    private protected override void Describe(SigningKeyResponse target)
    {
        Question = $"Revoke the signing key {target.Kid}?";
        Consequences =
        [
            "It leaves the published keys at once: every token it signed stops verifying, so its users log in again.",
            target.Current ? "It signs no more tokens: the next key (or a new one) takes over now." : "The current key keeps signing.",
            "This cannot be undone.",
        ];
        Action = "Revoke the key";
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.RevokeAsync(Id, cancellationToken), key => $"Key {key.Kid} is revoked: it leaves the JWKS and its tokens stop verifying.");
}
