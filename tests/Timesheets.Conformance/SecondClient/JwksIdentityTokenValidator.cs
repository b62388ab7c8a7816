using System.Security.Claims;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Results;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using DuendeKey = Duende.IdentityModel.Jwk.JsonWebKey;

namespace Timesheets.Conformance.SecondClient;

/// <summary>
/// OidcClient ships without a signature-checking ID token validator (Duende's JWT one is a separate
/// package not served here); this one checks the signature with the keys OidcClient itself discovered,
/// plus iss, aud and lifetime, as the library's optional validator does.
/// </summary>
internal sealed class JwksIdentityTokenValidator : IIdentityTokenValidator
{
    public async Task<IdentityTokenValidationResult> ValidateAsync(string identityToken, OidcClientOptions options,
        CancellationToken cancellationToken = default)
    {
        var keys = options.ProviderInformation.KeySet.Keys.Select(ToSigningKey).ToList();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(identityToken, new TokenValidationParameters
        {
            ValidIssuer = options.ProviderInformation.IssuerName,
            ValidAudience = options.ClientId,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            NameClaimType = "name",
        });
        if (!result.IsValid)
        {
            return new IdentityTokenValidationResult { Error = "invalid_id_token: " + result.Exception?.Message };
        }

        return new IdentityTokenValidationResult
        {
            User = new ClaimsPrincipal(result.ClaimsIdentity),
            SignatureAlgorithm = ((JsonWebToken)result.SecurityToken).Alg,
        };
    }

    private static Microsoft.IdentityModel.Tokens.JsonWebKey ToSigningKey(DuendeKey key) => new()
    {
        Kty = key.Kty,
        Kid = key.Kid,
        Alg = key.Alg,
        Use = key.Use,
        N = key.N,
        E = key.E,
    };
}
