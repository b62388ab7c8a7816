namespace Timesheets.Identity.Users;

/// <summary>The password policy, in one place for Identity's validator and the demo password check.</summary>
internal static class PasswordRules
{
    /// <summary>
    /// OWASP ASVS L2 (V2.1.1): at least 12 characters. The demo password is held to it too, since
    /// demo users are created through the same validator (run.sh's default is 20 characters).
    /// Existing shorter passwords still log in; the rule applies when a password is set.
    /// </summary>
    public const int MinimumLength = 12;
}
