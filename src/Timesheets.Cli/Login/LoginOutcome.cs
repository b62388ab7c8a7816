using Timesheets.Client.Auth;

namespace Timesheets.Cli.Login;

/// <summary>A login's tokens and who they belong to, or why there are none.</summary>
internal sealed record LoginOutcome(TokenSet? Tokens, string? Error)
{
    public const string Scopes = "openid profile email offline_access";

    public static LoginOutcome Failed(string error) => new(null, error);
}
