using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Keys;

/// <summary>
/// Every write to the Keys table: first keys, sealing clear keys of an older database, rotation and
/// revocation. Run at start-up under the start-up lock or by the administrative commands, never by the
/// background reload, so two instances never create two keys for the same purpose.
/// </summary>
internal sealed class KeyStore(IdentityDataContext db, KeyProtector protector, TimeProvider clock)
{
    /// <summary>The associated data a key's material is sealed with: the row it belongs to.</summary>
    public static string SealContext(StoredKey key) => $"{key.Id}/{key.Use}";

    /// <summary>
    /// Seals keys stored in clear (a database from before key encryption) and creates what is missing:
    /// a signing key of the configured algorithm, an AES key, an HMAC key. Returns how many keys were sealed.
    /// </summary>
    public async Task<int> PrepareAsync(string signingAlgorithm, CancellationToken cancellationToken)
    {
        var keys = await db.Keys.ToListAsync(cancellationToken);
        var clear = protector.Enabled ? keys.Where(k => !KeyProtector.IsSealed(k.Material)).ToList() : [];
        foreach (var key in clear)
        {
            key.Material = protector.Protect(key.Material, SealContext(key));
        }

        // Opening every key here (not at the first request) stops a server whose key file does not fit its database.
        foreach (var key in keys)
        {
            _ = protector.Unprotect(key.Material, SealContext(key));
        }

        var now = clock.GetUtcNow();
        bool Lives(StoredKey k) => k.RevokedAt is null && (k.RetiredAt is null || k.RetiredAt > now);
        if (!keys.Exists(k => k.Use == KeyRing.SigningUse && k.Algorithm == signingAlgorithm && Lives(k)))
        {
            Add(NewSigningKey(signingAlgorithm, now));
        }

        foreach (var (use, create) in new (string, Func<DateTimeOffset, StoredKey>)[] { (KeyRing.EncryptionUse, NewAesKey), (KeyRing.InternalSigningUse, NewHmacKey) })
        {
            if (!keys.Exists(k => k.Use == use && k.CanSignAt(now)))
            {
                Add(create(now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return clear.Count;
    }

    /// <summary>
    /// Publishes a next signing key now that signs from <paramref name="delay"/> on; the keys signing today
    /// stop signing at that moment and stay published until their tokens have expired.
    /// </summary>
    public async Task<StoredKey> RotateSigningKeyAsync(string signingAlgorithm, TimeSpan delay, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var switchAt = now + delay;
        foreach (var key in await SigningKeysAsync(cancellationToken))
        {
            if (key.RevokedAt is null && (key.RetiredAt is null || key.RetiredAt > switchAt))
            {
                key.RetiredAt = switchAt;
            }
        }

        var next = NewSigningKey(signingAlgorithm, now);
        next.ActivatesAt = switchAt;
        Add(next);
        await db.SaveChangesAsync(cancellationToken);
        return next;
    }

    /// <summary>
    /// Withdraws a compromised key at once: it neither signs nor verifies from the next reload on. When
    /// nothing else can sign for its purpose, a waiting next key starts now, or a new key is created.
    /// Returns null when no key has that id.
    /// </summary>
    public async Task<StoredKey?> RevokeAsync(string keyId, string signingAlgorithm, CancellationToken cancellationToken)
    {
        var keys = await db.Keys.ToListAsync(cancellationToken);
        var revoked = keys.Find(k => k.Id == keyId);
        if (revoked is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        revoked.RevokedAt ??= now;
        var same = keys.Where(k => k.Use == revoked.Use && k.RevokedAt is null).ToList();
        if (!same.Exists(k => k.CanSignAt(now)))
        {
            // A next key is already published: promote it instead of publishing a key no API has seen yet.
            var waiting = same.Where(k => k.RetiredAt is null && k.SignsFrom > now).OrderBy(k => k.SignsFrom).FirstOrDefault();
            if (waiting is not null)
            {
                waiting.ActivatesAt = now;
            }
            else
            {
                Add(revoked.Use switch
                {
                    KeyRing.SigningUse => NewSigningKey(signingAlgorithm, now),
                    KeyRing.EncryptionUse => NewAesKey(now),
                    _ => NewHmacKey(now),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return revoked;
    }

    private Task<List<StoredKey>> SigningKeysAsync(CancellationToken cancellationToken) =>
        db.Keys.Where(k => k.Use == KeyRing.SigningUse).ToListAsync(cancellationToken);

    private void Add(StoredKey key)
    {
        key.Material = protector.Protect(key.Material, SealContext(key));
        db.Keys.Add(key);
    }

    public static StoredKey NewSigningKey(string algorithm, DateTimeOffset now)
    {
        using AsymmetricAlgorithm key = algorithm == SecurityAlgorithms.EcdsaSha256
            ? ECDsa.Create(ECCurve.NamedCurves.nistP256)
            : RSA.Create(2048);
        return new StoredKey
        {
            // A stable kid derived from the public key: the same key always has the same kid.
            Id = Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..22],
            Use = KeyRing.SigningUse,
            Algorithm = algorithm == SecurityAlgorithms.EcdsaSha256 ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256,
            Material = key.ExportPkcs8PrivateKeyPem(),
            CreatedAt = now,
        };
    }

    public static StoredKey NewAesKey(DateTimeOffset now) => NewSymmetricKey(KeyRing.EncryptionUse, "A256KW", now);

    public static StoredKey NewHmacKey(DateTimeOffset now) => NewSymmetricKey(KeyRing.InternalSigningUse, SecurityAlgorithms.HmacSha256, now);

    private static StoredKey NewSymmetricKey(string use, string algorithm, DateTimeOffset now)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        return new StoredKey
        {
            Id = Base64UrlEncoder.Encode(SHA256.HashData(key))[..22],
            Use = use,
            Algorithm = algorithm,
            Material = Convert.ToBase64String(key),
            CreatedAt = now,
        };
    }
}
