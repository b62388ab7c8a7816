using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Keys;

/// <summary>
/// The signing and encryption keys loaded from the database at start-up. The newest active RSA (or
/// P-256) key signs what others verify: access and ID tokens. Retired ones stay in the JWKS so tokens
/// they signed verify until they expire. An HMAC key signs what only this server reads: authorization
/// codes and refresh tokens (see <see cref="Oidc.InternalTokenSigning"/>).
/// </summary>
internal sealed class KeyRing
{
    public const string SigningUse = "sig";
    public const string EncryptionUse = "enc";
    public const string InternalSigningUse = "mac";

    public IReadOnlyList<StoredKey> SigningKeys { get; private set; } = [];

    public IReadOnlyList<StoredKey> EncryptionKeys { get; private set; } = [];

    public IReadOnlyList<StoredKey> InternalSigningKeys { get; private set; } = [];

    public bool Loaded { get; private set; }

    /// <summary>Creates the first keys when the database has none (of the configured algorithm), then loads them all.</summary>
    public async Task LoadAsync(IdentityDataContext db, string signingAlgorithm, CancellationToken cancellationToken)
    {
        var keys = await db.Keys.AsNoTracking().ToListAsync(cancellationToken);
        bool HasActive(string use, string? algorithm = null) =>
            keys.Exists(k => k.Use == use && k.RetiredAt == null && (algorithm is null || k.Algorithm == algorithm));
        List<StoredKey> created =
        [
            .. HasActive(SigningUse, signingAlgorithm) ? [] : new[] { NewSigningKey(signingAlgorithm) },
            .. HasActive(EncryptionUse) ? [] : new[] { NewAesKey() },
            .. HasActive(InternalSigningUse) ? [] : new[] { NewHmacKey() },
        ];
        if (created.Count > 0)
        {
            db.Keys.AddRange(created);
            await db.SaveChangesAsync(cancellationToken);
            keys.AddRange(created);
        }

        // Active keys of the configured algorithm first, newest first: OpenIddict signs with the first credential.
        List<StoredKey> Order(IEnumerable<StoredKey> keys) =>
            [.. keys.OrderBy(k => k.RetiredAt is null ? 0 : 1).ThenBy(k => k.Algorithm == signingAlgorithm ? 0 : 1).ThenByDescending(k => k.CreatedAt)];

        SigningKeys = Order(keys.Where(k => k.Use == SigningUse));
        EncryptionKeys = Order(keys.Where(k => k.Use == EncryptionUse));
        InternalSigningKeys = Order(keys.Where(k => k.Use == InternalSigningUse));
        Loaded = true;
    }

    /// <summary>
    /// Retires the active signing key and creates a new one. The retired key stays in the JWKS, so
    /// tokens it signed verify until they expire; instances sign with the new key after a restart.
    /// </summary>
    public static async Task<StoredKey> RotateSigningKeyAsync(IdentityDataContext db, string signingAlgorithm, TimeProvider clock, CancellationToken cancellationToken)
    {
        foreach (var active in await db.Keys.Where(k => k.Use == SigningUse && k.RetiredAt == null).ToListAsync(cancellationToken))
        {
            active.RetiredAt = clock.GetUtcNow();
        }

        var key = NewSigningKey(signingAlgorithm);
        db.Keys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public static StoredKey NewSigningKey(string algorithm)
    {
        using AsymmetricAlgorithm key = algorithm == SecurityAlgorithms.EcdsaSha256
            ? ECDsa.Create(ECCurve.NamedCurves.nistP256)
            : RSA.Create(2048);
        return new StoredKey
        {
            // A stable kid derived from the public key: the same key always has the same kid.
            Id = Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..22],
            Use = SigningUse,
            Algorithm = algorithm == SecurityAlgorithms.EcdsaSha256 ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256,
            Material = key.ExportPkcs8PrivateKeyPem(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    public static StoredKey NewAesKey() => NewSymmetricKey(EncryptionUse, "A256KW");

    public static StoredKey NewHmacKey() => NewSymmetricKey(InternalSigningUse, SecurityAlgorithms.HmacSha256);

    private static StoredKey NewSymmetricKey(string use, string algorithm)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        return new StoredKey
        {
            Id = Base64UrlEncoder.Encode(SHA256.HashData(key))[..22],
            Use = use,
            Algorithm = algorithm,
            Material = Convert.ToBase64String(key),
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }
}

/// <summary>Hands the loaded keys to OpenIddict before its own post-configuration checks run.</summary>
internal sealed class KeyRingServerOptions(KeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        if (!ring.Loaded)
        {
            throw new InvalidOperationException("The signing keys were not loaded: the database must be migrated and the key ring loaded before the first request.");
        }

        foreach (var key in ring.SigningKeys)
        {
            options.SigningCredentials.Add(ToCredentials(key));
        }

        // Never published: OpenIddict leaves symmetric keys out of the JWKS and discovery.
        foreach (var key in ring.InternalSigningKeys)
        {
            options.SigningCredentials.Add(new SigningCredentials(Symmetric(key), SecurityAlgorithms.HmacSha256));
        }

        foreach (var key in ring.EncryptionKeys)
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(Symmetric(key), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }

    private static SymmetricSecurityKey Symmetric(StoredKey key) => new(Convert.FromBase64String(key.Material)) { KeyId = key.Id };

    private static SigningCredentials ToCredentials(StoredKey key)
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
