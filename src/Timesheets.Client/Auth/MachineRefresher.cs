namespace Timesheets.Client.Auth;

/// <summary>
/// A machine client's session (client credentials, e.g. the batch importer): there is no refresh
/// token, so renewing means asking for a new token with the secret.
/// </summary>
public sealed class MachineRefresher(IdentityClient identity, string audience, string? scope = null) : ITokenRefresher
{
    public Task<RefreshOutcome> RefreshAsync(TokenSet current, CancellationToken cancellationToken) =>
        identity.ClientCredentialsAsync(audience, scope, cancellationToken);

    /// <summary>A session with its first token, or why there is none (a refused secret is <see cref="ProblemKind.LoginRequired"/>).</summary>
    public async Task<ApiResult<TokenSession>> StartAsync(TimeProvider? clock, CancellationToken cancellationToken)
    {
        var outcome = await identity.ClientCredentialsAsync(audience, scope, cancellationToken);
        return outcome switch
        {
            { Tokens: { } tokens } => ApiResult<TokenSession>.Success(new TokenSession(new MemoryTokenStore(tokens), this, clock)),
            { Status: RefreshStatus.Refused } => ApiResult<TokenSession>.Failure(ApiProblem.LoginRequired($"The identity server refused the client: {outcome.Error}")),
            _ => ApiResult<TokenSession>.Failure(ApiProblem.Unreachable($"The identity server could not be reached: {outcome.Error}")),
        };
    }
}
