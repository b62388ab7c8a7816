namespace Timesheets.Client.Auth;

/// <summary>
/// A machine client's session (client credentials, e.g. the batch importer): there is no refresh
/// token, so renewing means asking for a new token with the secret.
/// </summary>
public sealed class MachineRefresher(IdentityClient identity, string audience, string? scope = null) : ITokenRefresher
{
    public Task<RefreshOutcome> RefreshAsync(TokenSet current, CancellationToken cancellationToken) =>
        identity.ClientCredentialsAsync(audience, scope, cancellationToken);

    /// <summary>A session that asks for its first token now; the outcome says why when it could not.</summary>
    public async Task<(TokenSession? Session, RefreshOutcome Outcome)> StartAsync(TimeProvider? clock, CancellationToken cancellationToken)
    {
        var outcome = await identity.ClientCredentialsAsync(audience, scope, cancellationToken);
        return outcome.Tokens is { } tokens
            ? (new TokenSession(new MemoryTokenStore(tokens), this, clock), outcome)
            : (null, outcome);
    }
}
