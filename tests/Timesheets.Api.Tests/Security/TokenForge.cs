using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Security;

/// <summary>Mints tokens an attacker (or a careless issuer) might send.</summary>
public static class TokenForge
{
    public static Dictionary<string, object> Claims(string sub = "forged-user", string scope = "read:timesheets create:timesheets") => new()
    {
        ["sub"] = sub,
        ["scope"] = scope,
        ["client_id"] = OidcTestClient.MobileClient,
        // One email per sub: the API refuses a second sub showing an email it has bound to another.
        ["https://api.exampleco.com/email"] = $"{sub.Replace('|', '.')}@forged.exampleco.com",
        ["jti"] = Guid.NewGuid().ToString("N"),
    };

    public static string Mint(SigningCredentials credentials, string issuer = IdentityHost.Issuer, string audience = IdentityHost.ApiAudience,
        DateTime? notBefore = null, DateTime? expires = null, IDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).AddSeconds(-1),
            NotBefore = notBefore ?? now.AddSeconds(-1),
            Expires = expires ?? now.AddMinutes(10),
            Claims = claims ?? Claims(),
            SigningCredentials = credentials,
        });
    }

    /// <summary>A fresh RSA key the Identity server never published.</summary>
    public static SigningCredentials ForeignKey(string kid) =>
        new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid }, SecurityAlgorithms.RsaSha256);

    public static string WithAlgNone(IDictionary<string, object> claims)
    {
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(claims));
        return $"{header}.{payload}.";
    }

    /// <summary>The classic key-confusion attack: HS256 with the RSA public key (from the JWKS) as the HMAC secret.</summary>
    public static SigningCredentials PublicKeyAsHmac(string publicKeyPem, string kid) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(publicKeyPem)) { KeyId = kid }, SecurityAlgorithms.HmacSha256);

    /// <summary>Swaps a real token's payload for another, keeping its header and signature.</summary>
    public static string Tamper(string token, Func<string, string> payloadEdit)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payloadEdit(payload))}.{parts[2]}";
    }
}
