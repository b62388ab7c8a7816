using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Sync;
using Timesheets.Api.Features.Timesheets;

namespace Timesheets.Api.Features.Upload;

/// <summary>What an upload reads and writes, a chunk at a time, inside the caller's transaction.</summary>
internal abstract class UploadStore
{
    public static UploadStore For(ApiDataContext db) => db.Database.IsNpgsql() ? new PostgresUploadStore(db) : new EfUploadStore(db);

    /// <summary>Which of these external ids are already stored.</summary>
    public abstract Task<HashSet<string>> StoredExternalIdsAsync(List<string> externalIds, CancellationToken cancellationToken);

    /// <summary>The stored hours (× 100) of each (email, day); a missing key has none.</summary>
    public abstract Task<Dictionary<(string Email, DateOnly Date), int>> DayTotalsAsync(List<(string Email, DateOnly Date)> keys, CancellationToken cancellationToken);

    /// <summary>The <c>sub</c> of each email the API has seen a token of.</summary>
    public abstract Task<Dictionary<string, string>> SubsAsync(List<string> emails, CancellationToken cancellationToken);

    /// <summary>Stores the entries and one change row each; returns the lowest and highest new id.</summary>
    public abstract Task<(long First, long Last)> InsertAsync(List<TimesheetEntry> entries, DateTime now, CancellationToken cancellationToken);
}

/// <summary>SQLite (in process, so round trips cost little): plain EF Core queries.</summary>
internal sealed class EfUploadStore(ApiDataContext db) : UploadStore
{
    public override async Task<HashSet<string>> StoredExternalIdsAsync(List<string> externalIds, CancellationToken cancellationToken) =>
        (await db.Entries.Where(e => e.ExternalId != null && externalIds.Contains(e.ExternalId)).Select(e => e.ExternalId!).ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    public override async Task<Dictionary<(string Email, DateOnly Date), int>> DayTotalsAsync(List<(string Email, DateOnly Date)> keys, CancellationToken cancellationToken)
    {
        var emails = keys.Select(k => k.Email).Distinct().ToList();
        var dates = keys.Select(k => k.Date).Distinct().ToList();
        var sums = await db.Entries.Where(e => emails.Contains(e.OwnerEmail) && dates.Contains(e.Date))
            .GroupBy(e => new { e.OwnerEmail, e.Date }).Select(g => new { g.Key.OwnerEmail, g.Key.Date, Sum = g.Sum(e => e.Centihours) })
            .ToListAsync(cancellationToken);
        return sums.ToDictionary(s => (s.OwnerEmail, s.Date), s => s.Sum);
    }

    public override async Task<Dictionary<string, string>> SubsAsync(List<string> emails, CancellationToken cancellationToken)
    {
        var known = await db.Users.Where(u => emails.Contains(u.Email)).Select(u => new { u.Email, u.Sub }).ToListAsync(cancellationToken);
        return known.DistinctBy(u => u.Email).ToDictionary(u => u.Email, u => u.Sub, StringComparer.Ordinal);
    }

    /// <summary>The change rows need the entries' generated ids, hence two saves.</summary>
    public override async Task<(long First, long Last)> InsertAsync(List<TimesheetEntry> entries, DateTime now, CancellationToken cancellationToken)
    {
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in entries)
        {
            db.RecordChange(entry);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (entries.Min(e => e.Id), entries.Max(e => e.Id));
    }
}
