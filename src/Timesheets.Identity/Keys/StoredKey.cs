namespace Timesheets.Identity.Keys;

/// <summary>
/// A signing (RSA, P-256 or HMAC) or encryption (AES) key kept in the database, so every instance and every
/// restart uses the same keys and issued tokens stay valid. Its life: published from creation, signs from
/// <see cref="ActivatesAt"/> until <see cref="RetiredAt"/>, stays published for verification until the
/// longest token lifetime plus clock skew has passed, or leaves at once when <see cref="RevokedAt"/> is set.
/// </summary>
public sealed class StoredKey
{
    /// <summary>The <c>kid</c> published in the JWKS.</summary>
    public required string Id { get; init; }

    /// <summary><c>sig</c> (published), <c>mac</c> (internal tokens) or <c>enc</c>.</summary>
    public required string Use { get; init; }

    public required string Algorithm { get; init; }

    /// <summary>
    /// The private key (PKCS#8 PEM) or symmetric key (base64), sealed with the key file's AES-GCM key
    /// (<see cref="KeyProtector"/>); clear only in Development without a key file, or in a database
    /// from before encryption until its first start.
    /// </summary>
    public required string Material { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a "next" key starts to sign; published before, so caching APIs already know it. Null: at creation.</summary>
    public DateTimeOffset? ActivatesAt { get; set; }

    /// <summary>When the key stops signing (it still verifies for a while, see <see cref="KeyRing"/>).</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Withdrawn (compromised): never signs, never verifies, gone from the JWKS.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset SignsFrom => ActivatesAt ?? CreatedAt;

    public bool CanSignAt(DateTimeOffset now) => RevokedAt is null && SignsFrom <= now && (RetiredAt is null || RetiredAt > now);
}
