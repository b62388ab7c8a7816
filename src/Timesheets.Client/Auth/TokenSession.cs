namespace Timesheets.Client.Auth;

/// <summary>
/// A signed-in session's tokens: hands out an access token that is not about to expire, renewing it
/// shortly before expiry or when the API refused it. One refresh at a time, however many calls are
/// in flight: the others wait and use its result (a refresh token is single-use, so two refreshes
/// with the same one would revoke the whole grant by reuse detection).
/// </summary>
public sealed class TokenSession(ITokenStore store, ITokenRefresher refresher, TimeProvider? clock = null)
{
    /// <summary>Renew this long before expiry, so a token never expires on its way to the API.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public ITokenStore Store { get; } = store;

    /// <summary>The current tokens, or null when nobody is logged in.</summary>
    public Task<TokenSet?> CurrentAsync(CancellationToken cancellationToken) => Store.LoadAsync(cancellationToken);

    /// <summary>
    /// An access token to send. <paramref name="refused"/> is a token the API just answered 401 to:
    /// it is renewed unless another call renewed it meanwhile.
    /// </summary>
    /// <exception cref="LoginRequiredException">Nobody is logged in, or the identity server refused the renewal.</exception>
    public async Task<string> GetAccessTokenAsync(string? refused, CancellationToken cancellationToken)
    {
        var tokens = await Store.LoadAsync(cancellationToken) ?? throw new LoginRequiredException("Nobody is logged in.");
        if (!NeedsRenewal(tokens, refused))
        {
            return tokens.AccessToken;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            // Another call may have renewed while this one waited.
            tokens = await Store.LoadAsync(cancellationToken) ?? throw new LoginRequiredException("Nobody is logged in.");
            if (!NeedsRenewal(tokens, refused))
            {
                return tokens.AccessToken;
            }

            var outcome = await refresher.RefreshAsync(tokens, cancellationToken);
            switch (outcome.Status)
            {
                case RefreshStatus.Renewed when outcome.Tokens is { } renewed:
                    await Store.SaveAsync(renewed, cancellationToken);
                    return renewed.AccessToken;
                case RefreshStatus.Refused:
                    await Store.ClearAsync(cancellationToken);
                    throw new LoginRequiredException($"The session ended ({outcome.Error}); log in again.");
                default:
                    // Offline: the old token may still be good for a little while, and the call says the rest.
                    if (refused is null && tokens.ExpiresAt > _clock.GetUtcNow())
                    {
                        return tokens.AccessToken;
                    }

                    throw new HttpRequestException($"The identity server could not be reached to renew the session: {outcome.Error}");
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Forgets the tokens (after logout).</summary>
    public Task EndAsync(CancellationToken cancellationToken) => Store.ClearAsync(cancellationToken);

    private bool NeedsRenewal(TokenSet tokens, string? refused) =>
        tokens.AccessToken == refused || tokens.ExpiresAt - RenewBefore <= _clock.GetUtcNow();
}
