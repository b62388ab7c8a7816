using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Security;
using Timesheets.Identity.Users;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// The second step of a login: the 6-digit code from the authenticator app, or one of the recovery
/// codes (each works once). Checked by ASP.NET Core Identity's two-factor sign-in, which creates the
/// session only when the code is right. A wrong code counts like a wrong password: one slot of the
/// (account, address) pair (<see cref="LoginThrottle"/>), the login rate limit (its path is under
/// <c>/account/login</c>), and Identity's own failed-code count, which locks the account for a few
/// minutes after five wrong codes in a row: only someone who knows the password gets this far, and
/// the code's million values must not be guessed from many addresses at once.
/// </summary>
public sealed class LoginCodeModel(SignInManager<ApplicationUser> signIn, ILoggerFactory loggers) : SecondStepPageModel
{
    internal const string FailureMessage = "That code is not right, or there were too many attempts. Type the code your app shows now.";

    private readonly ILogger _log = loggers.CreateLogger(SecurityLog.Category);

    private LoginThrottle Throttle => HttpContext.RequestServices.GetRequiredService<LoginThrottle>();

    public async Task<IActionResult> OnGetAsync() =>
        await Steps.PendingUserAsync() is { TwoFactorEnabled: true } ? Page() : BackToLogin();

    public async Task<IActionResult> OnPostAsync()
    {
        // Only after the password, within the two-factor cookie's lifetime; else the login starts again.
        if (await Steps.PendingUserAsync() is not { TwoFactorEnabled: true } user)
        {
            return BackToLogin();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var cancellationToken = HttpContext.RequestAborted;
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var client = ClientAddress.Key(HttpContext);
        var throttle = Throttle;
        var pair = throttle.PairKey(user.NormalizedEmail ?? "", client);
        if (!await throttle.TryReserveAsync(pair, throttle.AccountKey(user.NormalizedEmail ?? ""), cancellationToken))
        {
            // The password may have taken the pair's last slot: block it now rather than leave it stuck.
            await throttle.FailedAsync(pair, cancellationToken);
            SecurityLog.LoginRefusedBlocked(_log, client);
            return Failed();
        }

        var recovery = !SecondFactorCode.IsAuthenticatorCode(Code);
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(SecondFactorCode.Recovery(Code))
            : await signIn.TwoFactorAuthenticatorSignInAsync(SecondFactorCode.Authenticator(Code), isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            SecurityLog.MfaCodeFailed(_log, user.Id, ip);
            if (await throttle.FailedAsync(pair, cancellationToken) is { } blockedFor)
            {
                SecurityLog.LoginPairBlocked(_log, pair[..16], client, blockedFor);
            }

            return Failed();
        }

        await throttle.SucceededAsync(pair, cancellationToken);
        if (recovery)
        {
            SecurityLog.RecoveryCodeUsed(_log, user.Id, await signIn.UserManager.CountRecoveryCodesAsync(user));
        }

        return LocalRedirect(await Steps.FinishAsync(HttpContext, Url, user.Id, ReturnUrl));
    }

    private PageResult Failed()
    {
        ErrorMessage = FailureMessage;
        Code = "";
        return Page();
    }
}
