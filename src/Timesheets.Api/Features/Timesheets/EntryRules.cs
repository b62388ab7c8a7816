using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Configuration;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Projects;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>An entry's fields before they are checked: from a JSON body, a JSON upload row or a CSV row.</summary>
internal sealed record EntryDraft(DateOnly? Date, string? Project, decimal? Hours, string? Notes);

/// <summary>
/// The entry rules of PRODUCT.md §3, shared by the app endpoints and batch upload so both refuse
/// the same things with the same messages. Field names are the JSON (snake_case) ones.
/// </summary>
internal static class EntryRules
{
    /// <summary>Hours of one entry and of one user's day; the request DTO's range names it too.</summary>
    public const int MaxHoursPerDay = 24;

    public const int MaxCentihoursPerDay = MaxHoursPerDay * 100;

    /// <summary>Rules that need no database.</summary>
    public static Dictionary<string, string[]> CheckShape(EntryDraft draft, EntrySettings settings, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (draft.Date is not { } date)
        {
            errors["date"] = ["The date is required (YYYY-MM-DD)."];
        }
        else if (date < today.AddDays(-settings.MaxDaysInPast) || date > today.AddDays(settings.MaxDaysInFuture))
        {
            errors["date"] = [$"The date must be between {today.AddDays(-settings.MaxDaysInPast):yyyy-MM-dd} and {today.AddDays(settings.MaxDaysInFuture):yyyy-MM-dd}."];
        }

        if (string.IsNullOrWhiteSpace(draft.Project))
        {
            errors["project"] = ["The project is required."];
        }
        else if (draft.Project.Length > ProjectConfiguration.NameLength)
        {
            errors["project"] = [$"The project name is at most {ProjectConfiguration.NameLength} characters."];
        }

        if (draft.Hours is not { } hours)
        {
            errors["hours"] = ["The hours are required."];
        }
        else if (hours <= 0 || hours > MaxHoursPerDay)
        {
            errors["hours"] = [$"The hours must be more than 0 and at most {MaxHoursPerDay}."];
        }
        else if (decimal.Round(hours, 2) != hours)
        {
            errors["hours"] = ["The hours have at most two decimals."];
        }

        if (draft.Notes is { Length: > TimesheetEntryConfiguration.NotesLength })
        {
            errors["notes"] = [$"The notes are at most {TimesheetEntryConfiguration.NotesLength} characters."];
        }

        return errors;
    }

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
    /// <paramref name="reserveId"/>, PostgreSQL also returns the id for the new entry (null on SQLite).
    /// </remarks>
    public static async Task<long?> CheckDayTotalAsync(ApiDataContext db, string ownerEmail, DateOnly date, int centihours, long? exceptId, bool reserveId,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        int others;
        long? id = null;
        if (db.Database.IsNpgsql())
        {
            (others, id) = await PostgresDayLock.LockDayAsync(db, ownerEmail, date, exceptId, reserveId, cancellationToken);
        }
        else
        {
            others = await db.Entries.Where(e => e.OwnerEmail == ownerEmail && e.Date == date && e.Id != (exceptId ?? 0))
                .SumAsync(e => e.Centihours, cancellationToken);
        }

        if (others + centihours > MaxCentihoursPerDay)
        {
            errors["hours"] = [$"This would make {(others + centihours) / 100m} hours on {date:yyyy-MM-dd}; a day has at most {MaxHoursPerDay}."];
        }

        return id;
    }

    public static int ToCentihours(decimal hours) => (int)(hours * 100);

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100];
}
