using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Audit;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Users;

/// <summary>
/// Gives a user the entries a batch job uploaded under their email while the API did not know their
/// <c>sub</c>, and records who received which entries from which email in the audit trail.
/// </summary>
internal static class HandOver
{
    /// <summary>How many ids one audit row lists (its JSON holds 8,000 characters); the count is always exact.</summary>
    public const int ListedIds = 500;

    /// <summary>Inside the caller's transaction; returns how many entries changed hands. <paramref name="now"/> stamps the audit row.</summary>
    public static async Task<int> RunAsync(ApiDataContext db, Caller caller, string email, DateTime now, CancellationToken cancellationToken)
    {
        // One statement picks and takes them: an entry handed over by a parallel request is not
        // "OwnerSub IS NULL" any more when this one reaches it, so each entry is handed (and audited) once.
        var ids = await db.Database.SqlQuery<long>($"""
            UPDATE "Entries" SET "OwnerSub" = {caller.Sub} WHERE "OwnerSub" IS NULL AND "OwnerEmail" = {email} RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        await db.Changes.Where(c => c.OwnerSub == null && c.OwnerEmail == email)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerSub, caller.Sub), cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        ids.Sort();
        db.Audit(caller, now, AuditActions.HandOver, AuditActions.HandOver, ids[0], null,
            new { email, count = ids.Count, first_id = ids[0], last_id = ids[^1], ids = ids.Take(ListedIds) });
        await db.SaveChangesAsync(cancellationToken);
        return ids.Count;
    }
}
