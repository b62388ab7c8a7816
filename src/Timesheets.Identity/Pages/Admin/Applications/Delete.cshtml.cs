namespace Timesheets.Identity.Pages.Admin.Applications;

/// <summary>Deletes an application after a confirmation and a recent login. System applications stay.</summary>
public sealed class DeleteModel : ApplicationConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.DeleteClients;

    private protected override void Describe(ClientResponse target)
    {
        Question = $"Delete the application {target.Name}?";
        Consequences =
        [
            "Its tokens stop working and its users' next login or renewal through it is refused.",
            "Its API access (client grants) goes with it.",
            "This cannot be undone: registered again, it gets a new client id.",
        ];
        Action = "Delete the application";
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.DeleteAsync(Id, cancellationToken), client => $"Deleted {client.Name}.", "/admin/applications");
}
