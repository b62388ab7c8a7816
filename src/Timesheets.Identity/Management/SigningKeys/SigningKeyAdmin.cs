using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Keys;
using Timesheets.Identity.Management.Logs;

namespace Timesheets.Identity.Management.SigningKeys;

/// <summary>
/// Signing keys for the Management API and the admin pages, through the same <see cref="KeyStore"/> as the
/// <c>rotate-keys</c> and <c>revoke-key</c> commands: a rotation publishes a next key that signs after
/// <c>Keys:NextKeyDelay</c>; a revocation withdraws a key at once. Every instance picks either up within
/// <c>Keys:ReloadInterval</c>. Only the published (<c>sig</c>) keys are listed: the internal HMAC and AES
/// keys never leave the server.
/// </summary>
internal sealed class SigningKeyAdmin(
    IdentityDataContext db, KeyStore keys, AdminLog log, TimeProvider clock,
    IOptions<IdentitySettings> identity, IOptions<KeySettings> keySettings, IOptionsMonitor<OpenIddictServerOptions> server)
{
    public const string TargetType = "signing_key";

    public async Task<IReadOnlyList<SigningKeyResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Keys.AsNoTracking().Where(k => k.Use == KeyRing.SigningUse).ToListAsync(cancellationToken);
        return [.. stored.OrderByDescending(k => k.SignsFrom).Select(ToResponse)];
    }

    public async Task<AdminResult<SigningKeyResponse>> GetAsync(string kid, CancellationToken cancellationToken) =>
        await FindAsync(kid, cancellationToken) is { } key ? AdminResult<SigningKeyResponse>.Success(ToResponse(key)) : AdminError.NotFound("signing key");

    /// <summary>Publishes a next key; the current one signs until it takes over and verifies until its tokens expire.</summary>
    public async Task<SigningKeyResponse> RotateAsync(CancellationToken cancellationToken)
    {
        var before = await ListAsync(cancellationToken);
        var current = before.FirstOrDefault(k => k.Current);
        // Recorded first: KeyStore's save writes the entry with the new key, in one transaction.
        var entry = log.Record("Rotated the signing key", TargetType, "", before: current, after: null);
        var next = await keys.RotateSigningKeyAsync(identity.Value.SigningAlgorithm, keySettings.Value.NextKeyDelay, cancellationToken);
        var response = ToResponse(next);
        // The entry is already saved with the rotation; its target and after-state are filled in with one more write.
        entry.TargetId = next.Id;
        entry.After = System.Text.Json.JsonSerializer.Serialize(response, AdminLog.Json);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    public async Task<AdminResult<SigningKeyResponse>> RevokeAsync(string kid, CancellationToken cancellationToken)
    {
        if (await FindAsync(kid, cancellationToken) is not { } key)
        {
            return AdminError.NotFound("signing key");
        }

        if (key.RevokedAt is not null)
        {
            return AdminError.Conflict("This key is revoked already.");
        }

        var before = ToResponse(key);
        var after = before with { Current = false, Next = false, Previous = false, Revoked = true, Published = false, RevokedAt = clock.GetUtcNow() };
        log.Record($"Revoked signing key {kid}", TargetType, kid, before, after);
        await keys.RevokeAsync(kid, identity.Value.SigningAlgorithm, cancellationToken);
        return AdminResult<SigningKeyResponse>.Success(after);
    }

    private Task<StoredKey?> FindAsync(string kid, CancellationToken cancellationToken) =>
        db.Keys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == kid && k.Use == KeyRing.SigningUse, cancellationToken);

    private SigningKeyResponse ToResponse(StoredKey key)
    {
        var now = clock.GetUtcNow();
        var options = server.CurrentValue;
        var retention = KeyRing.Retention(options.AccessTokenLifetime, options.IdentityTokenLifetime, keySettings.Value.ClockSkew);
        var revoked = key.RevokedAt is not null;
        return new SigningKeyResponse
        {
            Kid = key.Id,
            Alg = key.Algorithm,
            Current = key.CanSignAt(now),
            Next = !revoked && key.SignsFrom > now,
            Previous = !revoked && key.RetiredAt is { } retired && retired <= now,
            Revoked = revoked,
            Published = KeyRing.Verifies(key, now, retention),
            PublishedAt = key.CreatedAt,
            CurrentSince = key.SignsFrom,
            CurrentUntil = key.RetiredAt,
            RevokedAt = key.RevokedAt,
        };
    }
}
