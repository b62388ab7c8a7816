using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Features.People;

/// <summary>
/// The API's own client-credentials token for the issuer's Management API (scope <c>read:users</c>),
/// requested through Duende.IdentityModel and kept until shortly before it expires: however many
/// uploads look people up, one token request per token lifetime. The token endpoint comes from the
/// issuer's discovery document the API already holds for validating tokens (JwtBearer's).
/// </summary>
/// <remarks>
/// Not the shared client's <c>TokenSession</c>: that one ends a person's session when the issuer refuses
/// it; a server has no one to log in again, so here a refusal only fails the current request and the
/// next one asks anew.
/// </remarks>
internal sealed partial class ManagementToken(
    IOptionsMonitor<JwtBearerOptions> bearer, IOptions<PeopleSettings> people, IOptions<AuthSettings> auth, TimeProvider clock, ILogger<ManagementToken> logger)
{
    /// <summary>Renew this long before expiry (at most half the lifetime), so a token never expires on its way.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);

    // Never disposed: a singleton, and a SemaphoreSlim whose wait handle is never asked for holds nothing to release.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Held? _held;

    /// <summary>
    /// A token to send; <paramref name="refused"/> is one the Management API just answered 401 to (a key
    /// rotated, the client's secret changed): it is replaced unless another call replaced it meanwhile.
    /// </summary>
    public async Task<string> GetAsync(HttpClient http, string? refused, CancellationToken cancellationToken)
    {
        if (Usable(Volatile.Read(ref _held), refused) is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_held, refused) is { } renewed)
            {
                return renewed;
            }

            var held = await RequestAsync(http, cancellationToken);
            Volatile.Write(ref _held, held);
            return held.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Usable(Held? held, string? refused) =>
        held is not null && held.Token != refused && held.RenewAt > clock.GetUtcNow() ? held.Token : null;

    private async Task<Held> RequestAsync(HttpClient http, CancellationToken cancellationToken)
    {
        string? endpoint;
        try
        {
            var scheme = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
            endpoint = (await scheme.ConfigurationManager!.GetConfigurationAsync(cancellationToken)).TokenEndpoint;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PeopleUnavailableException("The issuer's discovery document could not be read.", ex);
        }

        if (string.IsNullOrEmpty(endpoint))
        {
            throw new PeopleUnavailableException("The issuer's discovery document names no token endpoint.");
        }

        var settings = people.Value;
        var request = new ClientCredentialsTokenRequest
        {
            Address = endpoint,
            ClientId = settings.ManagementClientId,
            ClientSecret = settings.ManagementClientSecret,
            Scope = ManagementScopes.ReadUsers,
        };
        // Auth0's parameter, which Timesheets.Identity reads as the resource: the token is for the Management API only.
        request.Parameters.Add("audience", ManagementScopes.AudienceFor(auth.Value.Issuer));
        var response = await http.RequestClientCredentialsTokenAsync(request, cancellationToken);
        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            if (response.ErrorType == ResponseErrorType.Exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LogTokenEndpointUnreachable(response.Error);
            }
            else
            {
                // The error code and description only: never the request, which holds the secret.
                LogTokenRefused(settings.ManagementClientId, (int)response.HttpStatusCode, response.Error, response.ErrorDescription);
            }

            throw new PeopleUnavailableException($"The issuer gave the API no Management API token ({response.Error}).");
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(response.ExpiresIn, 0));
        var margin = lifetime / 2 < RenewBefore ? lifetime / 2 : RenewBefore;
        return new Held(response.AccessToken, clock.GetUtcNow() + lifetime - margin);
    }

    private sealed record Held(string Token, DateTimeOffset RenewAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The issuer's token endpoint could not be reached for a Management API token: {Error}")]
    private partial void LogTokenEndpointUnreachable(string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The issuer refused a Management API token to client {ClientId}: HTTP {Status}, {Error}: {Description}")]
    private partial void LogTokenRefused(string clientId, int status, string? error, string? description);
}
