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

    /// <summary>What <c>rotate-keys</c> does (the same <see cref="KeyStore"/> call), with the delay given: returns the next key's id.</summary>
    public static async Task<string> RotateAsync(IdentityHost host, TimeSpan nextKeyDelay)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<KeyStore>().RotateSigningKeyAsync("RS256", nextKeyDelay, CancellationToken.None)).Id;
    }

    /// <summary>What <c>revoke-key KID</c> does; false when there is no such key.</summary>
    public static async Task<bool> RevokeAsync(IdentityHost host, string keyId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeyStore>().RevokeAsync(keyId, "RS256", CancellationToken.None) is not null;
    }
}
