using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Security;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Mfa;

/// <summary>
/// A user's authenticator app (TOTP, RFC 6238) through ASP.NET Core Identity's own pieces: the key in
/// its token store, <see cref="AuthenticatorTokenProvider{TUser}"/> for the codes, and its recovery codes
/// (in the user tokens table, each spent once). Nothing here computes a TOTP.
/// </summary>
internal sealed class Authenticators(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, IOptions<MfaSettings> settings,
    ILogger<SecurityLog.Events> logger)
{
    public const int RecoveryCodeCount = 10;

    // Where Identity's user store keeps the key and the recovery codes (UserStoreBase's own names).
    private const string StoreProvider = "[AspNetUserStore]";
    private const string KeyName = "AuthenticatorKey";
    private const string RecoveryCodesName = "RecoveryCodes";

    /// <summary>
    /// The key to show for enrolment: the one waiting to be confirmed, or a new one. Written through the
    /// store, not <c>ResetAuthenticatorKeyAsync</c>, which also renews the security stamp: merely opening
    /// the setup page must not end the user's sessions.
    /// </summary>
    public async Task<AuthenticatorSetup> SetupAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, cancellationToken);
            Check(await users.UpdateAsync(user));
        }

        var uri = AuthenticatorUri.For(settings.Value.AuthenticatorIssuer, user.Email ?? user.UserName ?? user.Id, key);
        return new AuthenticatorSetup(AuthenticatorUri.Grouped(key), QrCodeImage.PngDataUri(uri));
    }

    /// <summary>Checks a code from the user's app against their key (Identity allows the neighbouring 30-second steps).</summary>
    public Task<bool> VerifyAsync(ApplicationUser user, string code) =>
        users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, SecondFactorCode.Authenticator(code));

    /// <summary>
    /// Turns two-factor authentication on once the first code from the app matches, and returns the
    /// recovery codes, shown once; null when the code is wrong. A new security stamp ends the user's
    /// other sessions (Identity's SetTwoFactorEnabledAsync).
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(ApplicationUser user, string code)
    {
        if (!SecondFactorCode.IsAuthenticatorCode(code) || !await VerifyAsync(user, code))
        {
            return null;
        }

        Check(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        SecurityLog.MfaEnrolled(logger, user.Id);
        return [.. codes ?? []];
    }

    /// <summary>Turns two-factor authentication off and forgets the key and the recovery codes: a new enrolment starts afresh.</summary>
    public async Task RemoveAsync(ApplicationUser user)
    {
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.RemoveAuthenticationTokenAsync(user, StoreProvider, KeyName));
        Check(await users.RemoveAuthenticationTokenAsync(user, StoreProvider, RecoveryCodesName));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // A concurrent change of the same user (concurrency stamp): nothing half-written is left to tidy.
            throw new InvalidOperationException("The user could not be updated: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}

/// <summary>The key as the user types it (groups of four) and the QR code of its <c>otpauth://</c> URI.</summary>
public sealed record AuthenticatorSetup(string Key, string QrCodeDataUri);
