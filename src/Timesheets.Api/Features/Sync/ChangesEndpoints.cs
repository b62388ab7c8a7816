using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Sync;

internal static class ChangesEndpoints
{
    public const int DefaultLimit = 500;

    private static readonly TimeSpan HeldBackWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HeldBackPoll = TimeSpan.FromMilliseconds(20);

    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/timesheets/changes", GetAsync).WithTags("Sync").RequireAuthorization(ApiScopes.Read)
            .WithSummary("The caller's entries changed or deleted since a cursor (offline sync)").ProducesValidationProblem();
        return app;
    }

    internal static async Task<Results<Ok<ChangesPage>, ValidationProblem>> GetAsync(
        [FromServices] Caller caller, ReadDatabase reads, CancellationToken cancellationToken, string? since = null, int? limit = null)
    {
        var db = reads.Context;
        var after = new ChangeCursor(0, 0);
        if (since is not null && !ChangeCursor.TryDecode(since, out after))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = ["The cursor is not one this server handed out."] });
        }

        if (limit is < 1 or > 5000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["The limit is between 1 and 5000."] });
        }

        var take = limit ?? DefaultLimit;
        var postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            after = await LegacyToXidAsync(db, after, cancellationToken);
        }

        var (rows, heldBack) = postgres
            ? await PostgresPageAsync(db, caller.Sub, after, take, cancellationToken)
            : (await db.Changes.AsNoTracking().Where(c => c.OwnerSub == caller.Sub && c.Id > after.Id)
                .OrderBy(c => c.Id).Take(take + 1).ToListAsync(cancellationToken), HeldBack: false);
        var hasMore = heldBack || rows.Count > take;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
        }

        // Several changes of one entry collapse into its latest state; a missing entry is a tombstone.
        var entryIds = rows.Select(r => r.EntryId).Distinct().ToList();
        var entries = await db.Entries.Where(e => entryIds.Contains(e.Id) && e.OwnerSub == caller.Sub)
            .Select(EntryMapping.Projection).ToDictionaryAsync(e => e.Id, cancellationToken);
        var changes = rows.Select((r, index) => (Row: r, Index: index)).GroupBy(r => r.Row.EntryId).OrderBy(g => g.Max(r => r.Index))
            .Select(g => entries.TryGetValue(g.Key, out var entry)
                ? new ChangeResponse(g.Key, Deleted: false, entry)
                : new ChangeResponse(g.Key, Deleted: true, null))
            .ToList();
        var cursor = rows.Count == 0 ? after : new ChangeCursor(postgres ? rows[^1].Xid ?? 0 : 0, rows[^1].Id);
        return TypedResults.Ok(new ChangesPage(changes, cursor.Encode(withXid: postgres), hasMore));
    }

    /// <summary>
    /// PostgreSQL: change ids are taken in insert order but become visible in commit order, so a
    /// cursor on the id alone would skip a change whose transaction commits after a later one was
    /// read. Rows are paged by (writing transaction, id) instead, and only rows of transactions
    /// older than every transaction running when the read began (the snapshot's xmin, read first)
    /// are returned: any change that becomes visible later belongs to a newer transaction, so it
    /// sorts after the cursor. Rows held back by a running transaction are waited for briefly;
    /// after that the page ends before them and says <c>has_more</c>.
    /// </summary>
    private static async Task<(List<EntryChange> Rows, bool HeldBack)> PostgresPageAsync(ApiDataContext db, string sub, ChangeCursor after, int take, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var xmin = await db.Database.SqlQueryRaw<long>("""SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS "Value" """).SingleAsync(cancellationToken);
            var rows = await db.Changes.AsNoTracking()
                .Where(c => c.OwnerSub == sub && (c.Xid > after.Xid || (c.Xid == after.Xid && c.Id > after.Id)))
                .OrderBy(c => c.Xid).ThenBy(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
            var safe = rows.FindIndex(r => r.Xid >= xmin);
            if (safe < 0)
            {
                return (rows, HeldBack: false);
            }

            if (waited >= HeldBackWait)
            {
                return (rows.GetRange(0, safe), HeldBack: true);
            }

            await Task.Delay(HeldBackPoll, cancellationToken);
            waited += HeldBackPoll;
        }
    }

    /// <summary>A cursor handed out before changes carried their transaction: continue from that change's transaction.</summary>
    private static async Task<ChangeCursor> LegacyToXidAsync(ApiDataContext db, ChangeCursor cursor, CancellationToken cancellationToken)
    {
        if (cursor.Xid is not null || cursor.Id == 0)
        {
            return cursor with { Xid = cursor.Xid ?? 0 };
        }

        var xid = await db.Changes.Where(c => c.Id == cursor.Id).Select(c => c.Xid).FirstOrDefaultAsync(cancellationToken);
        return cursor with { Xid = xid ?? 0 };
    }
}
