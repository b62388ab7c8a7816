using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;
using Timesheets.ServiceDefaults.Resilience;

namespace Timesheets.Api.Features.Users;

/// <summary>
/// Records each user the first time this instance sees their token with a verified email, and hands
/// them the entries a batch job uploaded under that email before the API knew their <c>sub</c>.
/// An email belongs to one <c>sub</c>: a second account showing it is refused, never handed anything.
/// </summary>
internal sealed partial class UserDirectory(NewestPageCache pages, TimeProvider clock, ILogger<UserDirectory> logger)
{
    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>False when the caller's verified email already belongs to another <c>sub</c>.</summary>
    public async Task<bool> EnsureKnownAsync(ApiDataContext db, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Email is not { } email || caller.Sub.Length == 0 || (_seen.TryGetValue(caller.Sub, out var seen) && seen == email))
        {
            return true;
        }

        for (var attempt = 1; ; attempt++)
        {
            var owner = await FindSubAsync(db, email, cancellationToken);
            if (owner is not null && owner != caller.Sub)
            {
                LogEmailTaken(caller.Sub, owner);
                return false;
            }

            try
            {
                var handed = await RegisterAsync(db, caller, email, owner is null, clock.GetUtcNow().UtcDateTime, cancellationToken);
                if (handed > 0)
                {
                    // Committed: their first page has changed (the hand-over bypasses the change tracker).
                    pages.Changed(caller.Sub);
                }

                _seen[caller.Sub] = email;
                return true;
            }
            catch (DbUpdateException e) when (attempt == 1 && !DatabaseOutage.Is(e))
            {
                // A parallel first request of this user registered them, or another sub took the email
                // in the same moment (the unique index let one of them in): look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The <c>sub</c> of a user named by email, when the API has seen them.</summary>
    public static Task<string?> FindSubAsync(ApiDataContext db, string email, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Sub).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Writes the user's row (when <paramref name="claim"/>), hands over their entries and audits it, in one transaction stamped <paramref name="now"/>.</summary>
    private static Task<int> RegisterAsync(ApiDataContext db, Caller caller, string email, bool claim, DateTime now, CancellationToken cancellationToken) =>
        db.RetryingAsync(ct => RegisterOnceAsync(db, caller, email, claim, now, ct), cancellationToken);

    private static async Task<int> RegisterOnceAsync(ApiDataContext db, Caller caller, string email, bool claim, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        await HandOverLock.ForHandOverAsync(db, cancellationToken);
        if (claim)
        {
            var user = await db.Users.FindAsync([caller.Sub], cancellationToken);
            if (user is null)
            {
                db.Users.Add(new KnownUser { Sub = caller.Sub, Email = email, FirstSeenAt = now });
            }
            else
            {
                // Their email changed at the issuer; the old one is free for whoever verifies it next.
                user.Email = email;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var handed = await HandOver.RunAsync(db, caller, email, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return handed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused sub {Sub}: its verified email is already bound to sub {Owner}.")]
    private partial void LogEmailTaken(string sub, string owner);
}
