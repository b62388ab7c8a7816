using Duende.IdentityModel.Client;

namespace Timesheets.Client.Auth;

/// <summary>
/// The token requests a client makes at the identity server after login — refresh, client
/// credentials, revocation — through Duende.IdentityModel (certified), with the endpoints read
/// from discovery once. It is the <see cref="ITokenRefresher"/> of a person's session.
/// </summary>
public sealed class IdentityClient(HttpClient http, Uri authority, string clientId, TimeProvider? clock = null) : ITokenRefresher
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private DiscoveryDocumentResponse? _discovery;

    public string ClientId { get; } = clientId;

    /// <summary>The machine client's secret for <see cref="ClientCredentialsAsync"/>; null for a public client.</summary>
    public string? ClientSecret { get; init; }

    public async Task<RefreshOutcome> RefreshAsync(TokenSet current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.RefreshToken is null)
        {
            return RefreshOutcome.Refused("the session has no refresh token");
        }

        var endpoint = await TokenEndpointAsync(cancellationToken);
        if (endpoint.Error is { } discoveryError)
        {
            return RefreshOutcome.Unreachable(discoveryError);
        }

        var response = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = endpoint.Address, ClientId = ClientId, ClientSecret = ClientSecret, RefreshToken = current.RefreshToken,
        }, cancellationToken);
        return Outcome(response, current);
    }

    /// <summary>A machine token for <paramref name="audience"/> (client credentials); the refresher of a machine session.</summary>
    public async Task<RefreshOutcome> ClientCredentialsAsync(string audience, string? scope, CancellationToken cancellationToken)
    {
        var endpoint = await TokenEndpointAsync(cancellationToken);
        if (endpoint.Error is { } discoveryError)
        {
            return RefreshOutcome.Unreachable(discoveryError);
        }

        var request = new ClientCredentialsTokenRequest
        {
            Address = endpoint.Address, ClientId = ClientId, ClientSecret = ClientSecret, Scope = scope,
        };
        request.Parameters.Add("audience", audience);
        return Outcome(await http.RequestClientCredentialsTokenAsync(request, cancellationToken), previous: null);
    }

    /// <summary>Revokes a refresh token (RFC 7009), ending the grant; best effort: false answers are the server's.</summary>
    public async Task<string?> RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var discovery = await DiscoverAsync(cancellationToken);
        if (discovery.IsError || discovery.RevocationEndpoint is null)
        {
            return discovery.Error ?? "the identity server does not advertise a revocation endpoint";
        }

        var response = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = discovery.RevocationEndpoint, ClientId = ClientId, ClientSecret = ClientSecret,
            Token = refreshToken, TokenTypeHint = "refresh_token",
        }, cancellationToken);
        return response.IsError ? response.Error : null;
    }

    /// <summary>The discovery document, read once per client.</summary>
    public async Task<DiscoveryDocumentResponse> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (_discovery is { IsError: false } known)
        {
            return known;
        }

        var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest { Address = authority.ToString() }, cancellationToken);
        _discovery = discovery;
        return discovery;
    }

    private async Task<(string? Address, string? Error)> TokenEndpointAsync(CancellationToken cancellationToken)
    {
        var discovery = await DiscoverAsync(cancellationToken);
        return discovery.IsError ? (null, discovery.Error) : (discovery.TokenEndpoint, null);
    }

    private RefreshOutcome Outcome(TokenResponse response, TokenSet? previous)
    {
        // Busy or failing is not a refusal: the session stays and is renewed later (a 429 must not log the user out).
        if (response.ErrorType is ResponseErrorType.Exception or ResponseErrorType.Http
            && response.HttpStatusCode is 0 or System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.RequestTimeout
                or >= System.Net.HttpStatusCode.InternalServerError)
        {
            return RefreshOutcome.Unreachable(response.Error ?? "no answer");
        }

        if (response.IsError || response.AccessToken is null)
        {
            return RefreshOutcome.Refused(response.ErrorDescription ?? response.Error ?? "refused");
        }

        return RefreshOutcome.Renewed(new TokenSet
        {
            AccessToken = response.AccessToken,
            // Rotation: the old refresh token is spent; a server that does not rotate keeps the old one valid.
            RefreshToken = response.RefreshToken ?? previous?.RefreshToken,
            IdToken = response.IdentityToken ?? previous?.IdToken,
            ExpiresAt = _clock.GetUtcNow().AddSeconds(response.ExpiresIn),
            Scope = response.Scope ?? previous?.Scope ?? "",
        });
    }
}
