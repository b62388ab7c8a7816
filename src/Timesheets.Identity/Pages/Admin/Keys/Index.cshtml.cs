using Timesheets.Identity.Management.SigningKeys;

namespace Timesheets.Identity.Pages.Admin.Keys;

/// <summary>The signing keys with their state; links to rotate (<see cref="RotateModel"/>) and revoke (<see cref="RevokeModel"/>), confirmed on pages of their own.</summary>
public sealed class IndexModel : AdminPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadSigningKeys;

    public IReadOnlyList<SigningKeyResponse> Keys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await Service.ListAsync(cancellationToken);

    public static string State(SigningKeyResponse key) =>
        key.Revoked ? "revoked" : key.Current ? "current" : key.Next ? "next" : key.Published ? "previous (verifies)" : "retired";

    private SigningKeyAdmin Service => HttpContext.RequestServices.GetRequiredService<SigningKeyAdmin>();
}
