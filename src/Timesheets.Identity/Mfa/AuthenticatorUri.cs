namespace Timesheets.Identity.Mfa;

/// <summary>The <c>otpauth://</c> URI authenticator apps read from the QR code (Google Authenticator's key URI format).</summary>
internal static class AuthenticatorUri
{
    /// <summary>TOTP, SHA-1, 6 digits, 30 seconds: what Identity's AuthenticatorTokenProvider checks, and the only form every app reads.</summary>
    public static string For(string issuer, string account, string base32Key)
    {
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(account);
        return $"otpauth://totp/{label}?secret={base32Key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
    }

    /// <summary>The key in lower-case groups of four, easier to type into an app than 32 capitals in a row.</summary>
    public static string Grouped(string base32Key) =>
        string.Join(' ', base32Key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}
