using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Security;
using Timesheets.Identity.Sessions;
using Timesheets.Identity.Users;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// <c>/account/mfa</c>: a logged-in user turns two-factor authentication on (QR code, first code,
/// recovery codes shown once) or off (with their password or a current code). A recent login is
/// required: a session left open elsewhere must not let someone bind their own phone to the account.
/// A user whose role requires a second factor cannot turn it off (an admin resets it instead).
/// </summary>
[RequireRecentLogin]
public sealed class MfaModel : AccountPageModel
{
    private Authenticators Authenticators => HttpContext.RequestServices.GetRequiredService<Authenticators>();

    [BindProperty]
    [Required(ErrorMessage = "Enter the code from your authenticator app.")]
    [StringLength(512)]
    public string Code { get; set; } = "";

    public AuthenticatorSetup? Setup { get; private set; }

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string? StatusMessage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(await LoadUserAsync(), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        var user = await LoadUserAsync();
        if (!user.TwoFactorEnabled && ModelState.IsValid && await Authenticators.EnableAsync(user, Code) is { } codes)
        {
            // The new security stamp ended every session; this one comes back, now made with both factors.
            await SignInManager.SignInWithClaimsAsync(user, isPersistent: false, [AuthenticationMethods.WithSecondFactor()]);
            RecoveryCodes = codes;
            return Page();
        }

        ErrorMessage = EnrolmentMessages.WrongCode;
        return await ShowAsync(user, cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var user = await LoadUserAsync();
        await ShowAsync(user, cancellationToken);
        if (!Enabled || Required || !ModelState.IsValid)
        {
            return Page();
        }

        // The password or a current code, guessed at most as often as a login (the pair's slots).
        var throttle = HttpContext.RequestServices.GetRequiredService<LoginThrottle>();
        var pair = throttle.PairKey(user.NormalizedEmail ?? "", ClientAddress.Key(HttpContext));
        if (!await throttle.TryReserveAsync(pair, throttle.AccountKey(user.NormalizedEmail ?? ""), cancellationToken) || !await ConfirmsAsync(user, Code))
        {
            await throttle.FailedAsync(pair, cancellationToken);
            SecurityLog.MfaCodeFailed(SecurityLogger, user.Id, HttpContext.Connection.RemoteIpAddress?.ToString());
            ErrorMessage = "That is neither your password nor a current code, or there were too many attempts.";
            return Page();
        }

        await throttle.SucceededAsync(pair, cancellationToken);
        await Authenticators.RemoveAsync(user);
        await SignInManager.SignInWithClaimsAsync(user, isPersistent: false, [AuthenticationMethods.PasswordOnly()]);
        SecurityLog.MfaDisabled(SecurityLogger, user.Id);
        StatusMessage = "Two-factor authentication is off.";
        return await ShowAsync(user, cancellationToken);
    }

    private async Task<bool> ConfirmsAsync(ApplicationUser user, string typed) =>
        SecondFactorCode.IsAuthenticatorCode(typed) ? await Authenticators.VerifyAsync(user, typed) : await Users.CheckPasswordAsync(user, typed);

    private async Task<PageResult> ShowAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        Code = "";
        Enabled = user.TwoFactorEnabled;
        Required = await HttpContext.RequestServices.GetRequiredService<MfaPolicy>().IsRequiredAsync(user.Id, cancellationToken);
        if (Enabled)
        {
            RecoveryCodesLeft = await Users.CountRecoveryCodesAsync(user);
        }
        else
        {
            Setup = await Authenticators.SetupAsync(user, cancellationToken);
        }

        return Page();
    }
}
