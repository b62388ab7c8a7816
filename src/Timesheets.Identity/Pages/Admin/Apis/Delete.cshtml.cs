using Timesheets.Identity.Management.ResourceServers;

namespace Timesheets.Identity.Pages.Admin.Apis;

/// <summary>Deletes an API after a confirmation and a recent login. System APIs stay.</summary>
public sealed class DeleteModel : ConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.DeleteResourceServers;

    private ResourceServerAdmin Admin => HttpContext.RequestServices.GetRequiredService<ResourceServerAdmin>();

    protected override async Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        if ((await Admin.GetAsync(Id, cancellationToken)).Value is not { } api)
        {
            return false;
        }

        Question = $"Delete the API {api.Name}?";
        Consequences =
        [
            $"Its {api.Scopes.Count} permission(s) leave every role and every application.",
            $"Applications can no longer get tokens for {api.Identifier}.",
            "This cannot be undone.",
        ];
        Action = "Delete the API";
        Back = $"/admin/apis/{Uri.EscapeDataString(Id)}";
        return true;
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.DeleteAsync(Id, cancellationToken), api => $"Deleted {api.Name}.", "/admin/apis");
}
