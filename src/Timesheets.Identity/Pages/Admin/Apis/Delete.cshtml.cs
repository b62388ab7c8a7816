using Timesheets.Identity.Management;
using Timesheets.Identity.Management.ResourceServers;

namespace Timesheets.Identity.Pages.Admin.Apis;

/// <summary>Deletes an API after a confirmation and a recent login. System APIs stay.</summary>
public sealed class DeleteModel : ConfirmPageModel<ResourceServerResponse>
{
    protected override string RequiredPermission => ManagementScopes.DeleteResourceServers;

    protected override string BackTo => $"/admin/apis/{Uri.EscapeDataString(Id)}";

    private ResourceServerAdmin Admin => HttpContext.RequestServices.GetRequiredService<ResourceServerAdmin>();

    private protected override Task<AdminResult<ResourceServerResponse>> FindAsync(CancellationToken cancellationToken) => Admin.GetAsync(Id, cancellationToken);

    private protected override void Describe(ResourceServerResponse target)
    {
        Question = $"Delete the API {target.Name}?";
        Consequences =
        [
            $"Its {target.Scopes.Count} permission(s) leave every role and every application.",
            $"Applications can no longer get tokens for {target.Identifier}.",
            "This cannot be undone.",
        ];
        Action = "Delete the API";
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.DeleteAsync(Id, cancellationToken), api => $"Deleted {api.Name}.", "/admin/apis");
}
