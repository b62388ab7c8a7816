using Timesheets.Identity.Management.SigningKeys;

namespace Timesheets.Identity.Pages.Admin.Keys;

/// <summary>Revokes a signing key (a leaked one) after a confirmation and a recent login.</summary>
public sealed class RevokeModel : ConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.UpdateSigningKeys;

    private SigningKeyAdmin Admin => HttpContext.RequestServices.GetRequiredService<SigningKeyAdmin>();

    protected override async Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        if ((await Admin.GetAsync(Id, cancellationToken)).Value is not { } key)
        {
            return false;
        }

        Question = $"Revoke the signing key {key.Kid}?";
        Consequences =
        [
            "It leaves the published keys at once: every token it signed stops verifying, so its users log in again.",
            key.Current ? "It signs no more tokens: the next key (or a new one) takes over now." : "The current key keeps signing.",
            "This cannot be undone.",
        ];
        Action = "Revoke the key";
        Back = "/admin/keys";
        return true;
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.RevokeAsync(Id, cancellationToken), key => $"Key {key.Kid} is revoked: it leaves the JWKS and its tokens stop verifying.");
}
