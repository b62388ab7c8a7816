using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Timesheets.Testing;

/// <summary>Validates a token the way an API does: signature against the published JWKS, one algorithm (RS256 unless told), iss, aud, exp.</summary>
public static class Jwks
{
    public static async Task<JsonWebToken> ValidateAsync(HttpClient identity, string token, string audience, string issuer = IdentityHost.Issuer,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var keys = new JsonWebKeySet(await identity.GetStringAsync("/.well-known/jwks.json")).GetSigningKeys();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [algorithm],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        });
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"Token is not valid: {result.Exception?.Message}");
        }

        return (JsonWebToken)result.SecurityToken;
    }

    /// <summary>The claims the published discovery document says are there (for discovery tests).</summary>
    public static Task<System.Text.Json.JsonElement> DiscoveryAsync(HttpClient identity) =>
        identity.GetFromJsonAsync<System.Text.Json.JsonElement>("/.well-known/openid-configuration");
}
