using Timesheets.Identity.Management.SigningKeys;

namespace Timesheets.Identity.Pages.Admin.Keys;

/// <summary>Rotates the signing key after a confirmation and a recent login.</summary>
public sealed class RotateModel : ConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.CreateSigningKeys;

    protected override Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        Question = "Rotate the signing key?";
        Consequences =
        [
            "A new key is published now and signs new tokens once every API has had time to fetch it.",
            "The current key keeps verifying the tokens it signed until they expire: nobody is logged out.",
        ];
        Action = "Rotate the signing key";
        Back = "/admin/keys";
        return Task.FromResult(true);
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken)
    {
        var next = await HttpContext.RequestServices.GetRequiredService<SigningKeyAdmin>().RotateAsync(cancellationToken);
        return new(null, $"Key {next.Kid} is published and signs from {next.CurrentSince:u}; the current key keeps verifying its tokens until they expire.");
    }
}
