namespace Timesheets.Identity.Pages.Admin.Users;

/// <summary>Resets a user's second factor (a lost phone) after a confirmation and a recent login.</summary>
public sealed class ResetMfaModel : UserConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.DeleteGuardianEnrollments;

    private protected override void Describe(ManagementUser target)
    {
        Question = $"Reset the second factor of {target.Email}?";
        Consequences =
        [
            "Their authenticator app's codes and their recovery codes stop working.",
            "Every session they have ends, in browsers and in apps.",
            "At their next login they use their password alone, or set up a new authenticator when their role requires one.",
        ];
        Action = "Reset the second factor";
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.ResetSecondFactorAsync(Id, cancellationToken),
            user => $"The second factor of {user.Email} is reset: they enrol again at their next login.");
}
