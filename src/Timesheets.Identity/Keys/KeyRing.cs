using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Keys;

/// <summary>
/// The keys every instance holds in memory, opened from the database at start-up and reloaded every
/// <c>Keys:ReloadInterval</c> by <see cref="KeyRingReloader"/>, so a rotation or revocation made by
/// <c>rotate-keys</c>/<c>revoke-key</c> reaches each running instance without a restart. The RSA (or P-256)
/// key that can sign now signs what others verify: access and ID tokens; next and retired keys stay in
/// the JWKS (see <see cref="KeyRingServerOptions"/>). An HMAC key signs what only this server reads:
/// authorization codes and refresh tokens (see <see cref="Oidc.InternalTokenSigning"/>). Revoked keys are
/// not loaded at all.
/// </summary>
internal sealed class KeyRing(TimeProvider clock)
{
    public const string SigningUse = "sig";
    public const string EncryptionUse = "enc";
    public const string InternalSigningUse = "mac";

    // Swapped whole, so a request never sees one list of a reload and another of the previous one.
    private volatile Snapshot _snapshot = new([], [], [], "");

    /// <summary>Published signing keys: those that can sign first (configured algorithm, newest), then next keys, then retired ones.</summary>
    public IReadOnlyList<StoredKey> SigningKeys => _snapshot.Signing;

    public IReadOnlyList<StoredKey> EncryptionKeys => _snapshot.Encryption;

    public IReadOnlyList<StoredKey> InternalSigningKeys => _snapshot.InternalSigning;

    public bool Loaded => _snapshot.Fingerprint.Length > 0;

    /// <summary>Changes whenever a key is added, activated, retired or revoked in the database.</summary>
    public string Fingerprint => _snapshot.Fingerprint;

    /// <summary>
    /// Reads every key that is not revoked, opening its sealed material, and swaps the ring. Never writes:
    /// keys are created and changed only under the start-up lock or by the commands (<see cref="KeyStore"/>).
    /// </summary>
    public async Task LoadAsync(IdentityDataContext db, KeyProtector protector, string signingAlgorithm, CancellationToken cancellationToken)
    {
        var keys = (await db.Keys.AsNoTracking().ToListAsync(cancellationToken)).Where(k => k.RevokedAt is null).ToList();
        var opened = keys.ConvertAll(k => Opened(k, protector));
        var now = clock.GetUtcNow();

        // What can sign now first, the configured algorithm first among those, newest first: signers pick the first that can sign.
        List<StoredKey> Order(string use) =>
        [
            .. opened.Where(k => k.Use == use)
                .OrderBy(k => k.CanSignAt(now) ? 0 : k.RetiredAt is null ? 1 : 2)
                .ThenBy(k => k.Algorithm == signingAlgorithm ? 0 : 1)
                .ThenByDescending(k => k.SignsFrom),
        ];

        var fingerprint = string.Join(';', keys.OrderBy(k => k.Id, StringComparer.Ordinal)
            .Select(k => $"{k.Id},{k.ActivatesAt?.UtcTicks},{k.RetiredAt?.UtcTicks}"));
        _snapshot = new Snapshot(Order(SigningUse), Order(EncryptionUse), Order(InternalSigningUse), "v1:" + fingerprint);
    }

    /// <summary>
    /// How long a retired key still verifies: the longest lifetime of a token it may have signed (access and
    /// ID tokens; null means unbounded) plus the clock skew the APIs tolerate.
    /// </summary>
    public static TimeSpan Retention(TimeSpan? accessTokenLifetime, TimeSpan? identityTokenLifetime, TimeSpan clockSkew) =>
        accessTokenLifetime is { } access && identityTokenLifetime is { } identity
            ? (access > identity ? access : identity) + clockSkew
            : TimeSpan.MaxValue;

    /// <summary>Whether the key is still published and accepted: not retired, or retired less than <paramref name="retention"/> ago.</summary>
    public static bool Verifies(StoredKey key, DateTimeOffset now, TimeSpan retention) =>
        key.RevokedAt is null && (key.RetiredAt is not { } retired || retired > now || now - retired < retention);

    private static StoredKey Opened(StoredKey key, KeyProtector protector) => new()
    {
        Id = key.Id,
        Use = key.Use,
        Algorithm = key.Algorithm,
        Material = protector.Unprotect(key.Material, KeyStore.SealContext(key)),
        CreatedAt = key.CreatedAt,
        ActivatesAt = key.ActivatesAt,
        RetiredAt = key.RetiredAt,
    };

    private sealed record Snapshot(
        IReadOnlyList<StoredKey> Signing, IReadOnlyList<StoredKey> Encryption, IReadOnlyList<StoredKey> InternalSigning, string Fingerprint);
}
