namespace Timesheets.Identity.Pages.Admin.Applications;

/// <summary>A new secret for a machine client after a confirmation and a recent login; shown once on the answer.</summary>
public sealed class RotateSecretModel : ApplicationConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.UpdateClientKeys;

    private protected override void Describe(ClientResponse target)
    {
        Question = $"Rotate the secret of {target.Name}?";
        Consequences =
        [
            "A new secret is made and shown once, on the next page.",
            "The current secret stops working at once: the machine that uses it fails until it has the new one.",
            "Tokens it already holds keep working until they expire.",
        ];
        Action = "Rotate the secret";
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken)
    {
        var rotated = await Admin.RotateSecretAsync(Id, cancellationToken);
        return rotated.Error is { } error
            ? new(error)
            : new(null, "The new secret, shown only now. The old one no longer works.", Secret: rotated.Value!.ClientSecret);
    }
}
