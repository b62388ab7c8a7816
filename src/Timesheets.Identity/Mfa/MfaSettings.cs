namespace Timesheets.Identity.Mfa;

/// <summary>Second factor and fresh-login settings (section <c>Mfa</c>).</summary>
public sealed class MfaSettings
{
    public const string Section = "Mfa";

    /// <summary>The roles whose members must use a second factor when none is configured.</summary>
    public static readonly IReadOnlyList<string> DefaultRequiredRoles = ["Admin", "Manager"];

    /// <summary>
    /// Roles whose members must enrol an authenticator app before they get a session or a token.
    /// Not set: Admin and Manager (approvals bill customers), except in demo mode (<c>Demo:Enabled</c>),
    /// whose users share a published password and log in with it alone. An explicit list applies in
    /// demo mode too; a list of one empty entry (<c>Mfa__RequiredRoles__0=</c>) requires it of nobody.
    /// </summary>
    public string[]? RequiredRoles { get; set; }

    /// <summary>How old a login may be for a sensitive page (<c>RequireRecentLogin</c>) before the password is asked again.</summary>
    public TimeSpan RecentLoginMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The issuer shown beside the account in the user's authenticator app.</summary>
    public string AuthenticatorIssuer { get; set; } = "Timesheets";

    /// <summary>The roles that require a second factor, given whether demo mode is on.</summary>
    public IReadOnlyList<string> EffectiveRequiredRoles(bool demo) => RequiredRoles switch
    {
        null => demo ? [] : DefaultRequiredRoles,
        var roles => [.. roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim())],
    };
}
