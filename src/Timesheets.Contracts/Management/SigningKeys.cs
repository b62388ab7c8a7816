namespace Timesheets.Contracts;

/// <summary>
/// A token signing key: <see cref="Current"/> signs now, <see cref="Next"/> is published and signs
/// after a rotation's delay, <see cref="Previous"/> no longer signs but still verifies until its
/// tokens have expired; a revoked key neither signs nor verifies.
/// </summary>
public sealed record SigningKeyResponse
{
    /// <summary>The <c>kid</c> in the JWKS and in the tokens' header.</summary>
    public required string Kid { get; init; }

    /// <summary><c>RS256</c> or <c>ES256</c>.</summary>
    public required string Alg { get; init; }

    /// <summary>Always <c>sig</c>.</summary>
    public string Use { get; init; } = "sig";

    public bool Current { get; init; }

    public bool Next { get; init; }

    public bool Previous { get; init; }

    public bool Revoked { get; init; }

    /// <summary>Whether the JWKS lists it (so APIs accept its tokens).</summary>
    public bool Published { get; init; }

    /// <summary>When it was created and published.</summary>
    public DateTimeOffset PublishedAt { get; init; }

    /// <summary>When it starts (or started) to sign.</summary>
    public DateTimeOffset CurrentSince { get; init; }

    /// <summary>When it stops (or stopped) signing; null while no rotation has replaced it.</summary>
    public DateTimeOffset? CurrentUntil { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
}
