namespace Timesheets.Identity.Pages.Admin.Users;

/// <summary>Deletes a user after a confirmation and a recent login. Never the admin's own account, nor the last admin.</summary>
public sealed class DeleteModel : UserConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.DeleteUsers;

    private protected override void Describe(ManagementUser target)
    {
        Question = $"Delete {target.Email}?";
        Consequences =
        [
            "They can no longer log in: their sessions end and their apps' tokens are not renewed.",
            "The hours they recorded stay in Timesheets.",
            "This cannot be undone: to let them back, invite them again (a new account).",
        ];
        Action = "Delete the user";
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.DeleteAsync(Id, AdminSession.UserId, cancellationToken), user => $"Deleted {user.Email}.", "/admin/users");
}
