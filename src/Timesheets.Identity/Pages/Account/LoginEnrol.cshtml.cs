using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// Mandatory enrolment during a login (<c>Mfa:RequiredRoles</c>): the password was right, but the
/// user's role requires a second factor they do not have. There is no session until the first code
/// from their new app matches; then the recovery codes are shown once and the login goes on.
/// </summary>
public sealed class LoginEnrolModel : SecondStepPageModel
{
    private Authenticators Authenticators => HttpContext.RequestServices.GetRequiredService<Authenticators>();

    public AuthenticatorSetup? Setup { get; private set; }

    /// <summary>Set once enrolled: the codes to show, and where the login continues.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string ContinueUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await PendingAsync() is not { } user)
        {
            return BackToLogin();
        }

        Setup = await Authenticators.SetupAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await PendingAsync() is not { } user)
        {
            return BackToLogin();
        }

        if (ModelState.IsValid && await Authenticators.EnableAsync(user, Code) is { } codes)
        {
            await Steps.CompleteEnrolmentAsync(user);
            RecoveryCodes = codes;
            ContinueUrl = await Steps.FinishAsync(HttpContext, Url, user.Id, ReturnUrl);
            return Page();
        }

        ErrorMessage = EnrolmentMessages.WrongCode;
        Code = "";
        Setup = await Authenticators.SetupAsync(user, cancellationToken);
        return Page();
    }

    /// <summary>
    /// A user who passed the password step and has no second factor yet. One who has a second factor
    /// never sees its key here: the password alone must not reveal it.
    /// </summary>
    private async Task<ApplicationUser?> PendingAsync() =>
        await Steps.PendingUserAsync() is { TwoFactorEnabled: false } user ? user : null;
}
