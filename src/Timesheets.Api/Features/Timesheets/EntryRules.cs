using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Configuration;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Projects;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>
/// The entry rules of PRODUCT.md §3, shared by the app endpoints and batch upload so both refuse
/// the same things with the same messages. Field names are the JSON (snake_case) ones.
/// </summary>
internal static class EntryRules
{
    /// <summary>Rules that need no database: the shared ones, with this server's date window.</summary>
    public static Dictionary<string, string[]> CheckShape(EntryDraft draft, EntrySettings settings, DateOnly today) =>
        EntryShape.Check(draft, today, settings.MaxDaysInPast, settings.MaxDaysInFuture);

    /// <summary>The active project of that name, or an error on <c>project</c>.</summary>
    public static async Task<ProjectInfo?> FindActiveProjectAsync(ProjectCatalog projects, ApiDataContext db, string name,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var project = await projects.FindByNameAsync(db, name.Trim(), cancellationToken);
        if (project is null)
        {
            errors["project"] = [$"There is no project named '{Truncate(name)}'."];
        }
        else if (project.Archived)
        {
            errors["project"] = [$"The project '{project.Name}' is archived and takes no new entries."];
        }

        return project is { Archived: false } ? project : null;
    }

    /// <summary>A user's day never exceeds 24 hours, counting every other entry of theirs on that day.</summary>
    /// <remarks>
    /// Call inside a transaction. SQLite transactions here are <c>BEGIN IMMEDIATE</c> (one writer at a time);
    /// on PostgreSQL a transaction-scoped advisory lock per user serialises that user's writes. With
    /// <paramref name="reserveId"/>, PostgreSQL also returns the id for the new entry (null on SQLite), and with
    /// <paramref name="idempotency"/> what an earlier request with that key stored (SQLite: never; look it up before).
    /// </remarks>
    public static async Task<(long? ReservedId, EarlierRequest? Earlier)> CheckDayTotalAsync(ApiDataContext db, string ownerEmail, DateOnly date, int centihours,
        long? exceptId, bool reserveId, IdempotencyKey? idempotency, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        int others;
        long? id = null;
        EarlierRequest? earlier = null;
        if (db.Database.IsNpgsql())
        {
            (others, id, earlier) = await PostgresDayLock.LockDayAsync(db, ownerEmail, date, exceptId, reserveId, idempotency, cancellationToken);
            if (earlier is not null)
            {
                return (id, earlier);
            }
        }
        else
        {
            others = await db.Entries.Where(e => e.OwnerEmail == ownerEmail && e.Date == date && e.Id != (exceptId ?? 0))
                .SumAsync(e => e.Centihours, cancellationToken);
        }

        if (EntryShape.DayTotalError(date, others / 100m, centihours / 100m) is { } dayError)
        {
            errors["hours"] = [dayError];
        }

        return (id, null);
    }

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100];
}
