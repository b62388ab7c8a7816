namespace Timesheets.Client.Auth;

/// <summary>How a refresh ended.</summary>
public enum RefreshStatus
{
    /// <summary>New tokens.</summary>
    Renewed,

    /// <summary>The identity server refused (<c>invalid_grant</c>: expired, revoked, reused): a new login is needed.</summary>
    Refused,

    /// <summary>No answer (offline, server down): the current tokens stay, try again later.</summary>
    Unreachable,
}

/// <summary>The result of one refresh: new tokens, or why there are none.</summary>
public sealed record RefreshOutcome(RefreshStatus Status, TokenSet? Tokens, string? Error)
{
    public static RefreshOutcome Renewed(TokenSet tokens) => new(RefreshStatus.Renewed, tokens, null);

    public static RefreshOutcome Refused(string error) => new(RefreshStatus.Refused, null, error);

    public static RefreshOutcome Unreachable(string error) => new(RefreshStatus.Unreachable, null, error);
}

/// <summary>Renews tokens at the identity server: with the refresh token for a person, by asking anew for a machine.</summary>
public interface ITokenRefresher
{
    Task<RefreshOutcome> RefreshAsync(TokenSet current, CancellationToken cancellationToken);
}
