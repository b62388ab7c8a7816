using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>
/// PostgreSQL: asks the database, in one round trip, whether a first page kept in memory is still true, so that
/// a write committed through another instance a moment ago is never hidden by this instance's copy (a client
/// behind a round-robin balancer creates an entry at one instance and lists at the other; the notification
/// (<see cref="Data.ChangeListener"/>) may still be on its way).
/// <para>
/// Every change of an entry adds a row to the changes feed with the id of the transaction that wrote it
/// (<see cref="Sync.EntryChange.Xid"/>). A page records the <see cref="Horizon"/> read before its query: the
/// oldest transaction still running then (the snapshot's xmin). Every change the page's query could not see
/// was written by a transaction at or after that horizon, so "no change row of this owner at or after the
/// horizon" means the page is still what a query would return now. The check is one probe of the index on
/// (<c>OwnerSub</c>, <c>Xid</c>, <c>Id</c>); a long transaction holding the horizon back costs misses, never
/// a stale page.
/// </para>
/// </summary>
internal sealed record PageProbe(long Horizon, bool Changed)
{
    /// <summary>The horizon for a page read from now on, and whether <paramref name="sub"/>'s entries changed at or after <paramref name="since"/>.</summary>
    public static async Task<PageProbe> RunAsync(ApiDataContext db, string sub, long since, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<PageProbe>($"""
            SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS "Horizon",
                   EXISTS (SELECT 1 FROM "EntryChanges" WHERE "OwnerSub" = {sub} AND "Xid" >= {since}) AS "Changed"
            """).SingleAsync(cancellationToken);
}
