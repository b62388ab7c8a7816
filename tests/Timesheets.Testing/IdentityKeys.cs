using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Identity.Keys;

namespace Timesheets.Testing;

/// <summary>
/// The Identity server's own active signing key, so a test can mint a token that differs from a
/// real one in exactly one property (expired, wrong audience, …) and prove the API checks that property.
/// </summary>
public static class IdentityKeys
{
    public static SigningCredentials ActiveSigningCredentials(IdentityHost host)
    {
        var key = host.Services.GetRequiredService<KeyRing>().SigningKeys[0];
        var rsa = RSA.Create();
        rsa.ImportFromPem(key.Material);
        return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = key.Id }, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The active signing key's public half as PEM: what an attacker can get from the JWKS.</summary>
    public static string ActivePublicKeyPem(IdentityHost host)
    {
        var key = host.Services.GetRequiredService<KeyRing>().SigningKeys[0];
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.Material);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    public static string ActiveKeyId(IdentityHost host) => host.Services.GetRequiredService<KeyRing>().SigningKeys[0].Id;
}
