namespace Timesheets.Identity.Pages.Admin.Users;

/// <summary>Blocks a user after a confirmation and a recent login (unblocking is on the user's page). Never the last admin.</summary>
public sealed class BlockModel : UserConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.UpdateUsers;

    private protected override void Describe(ManagementUser target)
    {
        Question = $"Block {target.Email}?";
        Consequences =
        [
            "Their sessions end at once and their apps' next token renewal is refused.",
            "They cannot log in until an administrator unblocks them.",
            "Their account, roles and hours stay as they are.",
        ];
        Action = "Block the user";
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.UpdateAsync(Id, new UpdateUserRequest { Blocked = true }, cancellationToken),
            user => $"{user.Email} is blocked: their sessions ended and their tokens can no longer be renewed.");
}
