namespace Timesheets.Identity.Keys;

/// <summary>
/// A signing (RSA, P-256 or HMAC) or encryption (AES) key kept in the database, so every instance and every
/// restart uses the same keys and issued tokens stay valid.
/// </summary>
public sealed class StoredKey
{
    /// <summary>The <c>kid</c> published in the JWKS.</summary>
    public required string Id { get; init; }

    /// <summary><c>sig</c> (published), <c>mac</c> (internal tokens) or <c>enc</c>.</summary>
    public required string Use { get; init; }

    public required string Algorithm { get; init; }

    /// <summary>PKCS#8 PEM for RSA and P-256 keys, base64 for symmetric keys.</summary>
    public required string Material { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Retired keys still verify (published in the JWKS) but no longer sign.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
