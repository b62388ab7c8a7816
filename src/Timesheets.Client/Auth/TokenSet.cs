namespace Timesheets.Client.Auth;

/// <summary>What a login or a refresh gave: the tokens, when the access token expires, and the scopes granted.</summary>
public sealed record TokenSet
{
    public required string AccessToken { get; init; }

    /// <summary>Null without <c>offline_access</c>, and for machine clients: then the token cannot be renewed.</summary>
    public string? RefreshToken { get; init; }

    public string? IdToken { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The granted scopes, space-separated, as the token response's <c>scope</c> (read by <see cref="Rules.Grants"/>).</summary>
    public string Scope { get; init; } = "";
}

/// <summary>Where a session's tokens are kept between runs: a file for the CLI, browser storage for the app, memory in tests.</summary>
public interface ITokenStore
{
    Task<TokenSet?> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(TokenSet tokens, CancellationToken cancellationToken);

    Task ClearAsync(CancellationToken cancellationToken);
}

/// <summary>Tokens kept in memory only, for one process.</summary>
public sealed class MemoryTokenStore(TokenSet? tokens = null) : ITokenStore
{
    private TokenSet? _tokens = tokens;

    public Task<TokenSet?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _tokens));

    public Task SaveAsync(TokenSet tokens, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _tokens, tokens);
        return Task.CompletedTask;
    }

    public Task ClearAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _tokens, null);
        return Task.CompletedTask;
    }
}
