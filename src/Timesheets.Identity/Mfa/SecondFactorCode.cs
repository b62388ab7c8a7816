namespace Timesheets.Identity.Mfa;

/// <summary>What the user typed in the code field, told apart and tidied before Identity checks it.</summary>
internal static class SecondFactorCode
{
    /// <summary>Six digits (spaces and dashes as the app groups them are dropped): a code from the authenticator app.</summary>
    public static bool IsAuthenticatorCode(string typed) => Authenticator(typed) is { Length: 6 } code && code.All(char.IsAsciiDigit);

    public static string Authenticator(string typed) => new([.. typed.Where(c => c is not (' ' or '-'))]);

    /// <summary>
    /// A recovery code as Identity makes them (<c>XXXXX-XXXXX</c>, upper case): typed in lower case or
    /// without the dash it still matches.
    /// </summary>
    public static string Recovery(string typed)
    {
        var kept = new string([.. typed.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return kept.Length == 10 ? kept.Insert(5, "-") : kept;
    }
}
