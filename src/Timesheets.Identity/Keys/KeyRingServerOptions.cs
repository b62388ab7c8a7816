using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Timesheets.Identity.Keys;

/// <summary>
/// Hands the key ring to OpenIddict before its own post-configuration checks run. OpenIddict reads its
/// options through <c>IOptionsMonitor.CurrentValue</c> on every request, so when <see cref="KeyRingChanges"/>
/// fires after a reload, the options (credentials, JWKS) are built again from the new ring, without a
/// restart. Registered after OpenIddict's own configuration, so the token lifetimes are already set here.
/// </summary>
internal sealed class KeyRingServerOptions(KeyRing ring, IOptions<KeySettings> settings, TimeProvider clock) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        if (!ring.Loaded)
        {
            throw new InvalidOperationException("The signing keys were not loaded: the database must be migrated and the key ring loaded before the first request.");
        }

        var now = clock.GetUtcNow();
        var retention = KeyRing.Retention(options.AccessTokenLifetime, options.IdentityTokenLifetime, settings.Value.ClockSkew);
        foreach (var key in ring.SigningKeys.Where(k => KeyRing.Verifies(k, now, retention)))
        {
            options.SigningCredentials.Add(ToCredentials(key));
        }

        // Never published: OpenIddict leaves symmetric keys out of the JWKS and discovery.
        foreach (var key in ring.InternalSigningKeys)
        {
            options.SigningCredentials.Add(ToInternalCredentials(key));
        }

        foreach (var key in ring.EncryptionKeys)
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(Symmetric(key), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }

    private static SymmetricSecurityKey Symmetric(StoredKey key) => new(Convert.FromBase64String(key.Material)) { KeyId = key.Id };

    /// <summary>The HMAC credentials of an internal signing key (codes and refresh tokens).</summary>
    public static SigningCredentials ToInternalCredentials(StoredKey key) => new(Symmetric(key), SecurityAlgorithms.HmacSha256);

    /// <summary>The RS256 or ES256 credentials of a signing key.</summary>
    public static SigningCredentials ToCredentials(StoredKey key)
    {
        if (key.Algorithm == SecurityAlgorithms.EcdsaSha256)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(key.Material);
            return new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = key.Id }, SecurityAlgorithms.EcdsaSha256);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(key.Material);
        return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = key.Id }, SecurityAlgorithms.RsaSha256);
    }
}

/// <summary>Tells the options monitor that OpenIddict's options must be built again (the key ring changed).</summary>
internal sealed class KeyRingChanges : IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    private CancellationTokenSource _changed = new();

    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    public void Signal() => Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
}
