using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Keys;

namespace Timesheets.Identity.Security;

/// <summary>The login-throttle table's name, shared by the model and the raw insert.</summary>
internal static class LoginThrottleTable
{
    public const string Name = "LoginBlocks";
}

/// <summary>
/// Brute-force protection per (account, client address) pair, as Auth0 does it: after
/// <c>Identity:MaxFailedLogins</c> failures the pair is refused for <c>Identity:LockoutDuration</c>,
/// doubling at each further block up to <c>Identity:MaxLockoutDuration</c>. The account itself is
/// never locked, so an attacker cannot lock the real user out from elsewhere. Each attempt takes a
/// slot with one atomic statement before its password is verified, so parallel guesses cannot
/// exceed the limit.
/// </summary>
internal sealed class LoginThrottle(IdentityDataContext db, IOptions<IdentitySettings> settings, TimeProvider clock, KeyProtector keys)
{
    private const string PairKeyPurpose = "Timesheets.Identity.LoginThrottle.PairKey.v1";
    private const string AccountKeyPurpose = "Timesheets.Identity.LoginThrottle.AccountKey.v1";

    private IdentitySettings Settings => settings.Value;

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// The pair's key: an HMAC under a secret derived from the key file, so the table holds neither
    /// emails nor which of them exist, and whoever reads the database (or a backup) cannot test a
    /// guessed email against it, as they could a plain hash. 64 hex characters, as the SHA-256 keys
    /// before it: rows of those no longer match and are purged as stale.
    /// </summary>
    public string PairKey(string normalizedEmail, string clientKey) =>
        Convert.ToHexString(HMACSHA256.HashData(keys.DeriveKey(PairKeyPurpose), Encoding.UTF8.GetBytes(normalizedEmail + "\n" + clientKey)));

    /// <summary>
    /// The account's key: an HMAC of the normalised email alone, under another purpose of the same
    /// secret, stored beside each pair so an admin can lift every block of one account
    /// (<see cref="UnlockAccountAsync"/>) while the table still names no account.
    /// </summary>
    public string AccountKey(string normalizedEmail) =>
        Convert.ToHexString(HMACSHA256.HashData(keys.DeriveKey(AccountKeyPurpose), Encoding.UTF8.GetBytes(normalizedEmail)));

    /// <summary>Lifts every pair block of one account (the admin's "unlock"); the number of pairs forgotten.</summary>
    public Task<int> UnlockAccountAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var account = AccountKey(normalizedEmail);
        return db.LoginBlocks.Where(b => b.AccountKey == account).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Takes one attempt slot; false when the pair is blocked or its slots are all taken.</summary>
    /// <param name="key">The pair, from <see cref="PairKey"/>.</param>
    /// <param name="accountKey">The account, from <see cref="AccountKey"/>: written with the pair's first row.</param>
    public async Task<bool> TryReserveAsync(string key, string accountKey, CancellationToken cancellationToken)
    {
        var now = Now;
        var max = Settings.MaxFailedLogins;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var taken = await db.LoginBlocks
                .Where(b => b.Key == key && b.BlockedUntil <= now && b.Failures < max)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Failures, b => b.Failures + 1).SetProperty(b => b.UpdatedAt, now), cancellationToken);
            if (taken == 1)
            {
                return true;
            }

            if (await db.LoginBlocks.AnyAsync(b => b.Key == key, cancellationToken))
            {
                return false;
            }

            // First attempt of this pair. ON CONFLICT (SQLite and PostgreSQL) rather than a caught
            // key violation: a parallel first attempt loses quietly and retries the update above.
            var inserted = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "LoginBlocks" ("Key", "AccountKey", "Failures", "Blocks", "BlockedUntil", "UpdatedAt") VALUES ({key}, {accountKey}, 1, 0, 0, {now}) ON CONFLICT ("Key") DO NOTHING""",
                cancellationToken);
            if (inserted == 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Records a failed attempt (its slot is already counted); blocks the pair once its slots are
    /// used up and returns the block's length when this call is the one that blocked it.
    /// </summary>
    public async Task<TimeSpan?> FailedAsync(string key, CancellationToken cancellationToken)
    {
        var now = Now;
        var max = Settings.MaxFailedLogins;
        var row = await db.LoginBlocks.AsNoTracking().FirstOrDefaultAsync(b => b.Key == key, cancellationToken);
        if (row is null || row.Failures < max || row.BlockedUntil > now)
        {
            return null;
        }

        var duration = BlockDuration(row.Blocks);
        var until = now + (long)duration.TotalMilliseconds;
        var blocked = await db.LoginBlocks
            .Where(b => b.Key == key && b.Blocks == row.Blocks && b.Failures >= max && b.BlockedUntil <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Failures, 0)
                .SetProperty(b => b.Blocks, b => b.Blocks + 1)
                .SetProperty(b => b.BlockedUntil, until)
                .SetProperty(b => b.UpdatedAt, now), cancellationToken);
        return blocked == 1 ? duration : null;
    }

    /// <summary>A success from the pair forgets its failures and blocks.</summary>
    public Task SucceededAsync(string key, CancellationToken cancellationToken) =>
        db.LoginBlocks.Where(b => b.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Forgets pairs untouched for twice the longest block: no unbounded growth from sprayed emails.</summary>
    public Task<int> PurgeStaleAsync(CancellationToken cancellationToken)
    {
        var cutoff = Now - 2 * (long)Settings.MaxLockoutDuration.TotalMilliseconds;
        return db.LoginBlocks.Where(b => b.UpdatedAt < cutoff && b.BlockedUntil < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private TimeSpan BlockDuration(int previousBlocks)
    {
        var cap = Settings.MaxLockoutDuration;
        var duration = Settings.LockoutDuration;
        for (var i = 0; i < previousBlocks && duration < cap; i++)
        {
            duration *= 2;
        }

        return duration < cap ? duration : cap;
    }
}
