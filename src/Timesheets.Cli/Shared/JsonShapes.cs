using Timesheets.Client.Rules;
using Timesheets.Contracts;

namespace Timesheets.Cli.Shared;

/// <summary><c>whoami --json</c>.</summary>
internal sealed record WhoAmI(string Issuer, string? Subject, string? Name, string? Email, IReadOnlyList<string> Scopes,
    IReadOnlyDictionary<string, bool> Allows, DateTimeOffset AccessTokenExpiresAt);

/// <summary><c>log --json</c>: the entry stored, or the queued one when the API was unreachable.</summary>
internal sealed record LoggedEntry(bool Queued, EntryResponse? Entry, Guid? QueueId, EntryRequest Request);

/// <summary><c>list --json</c>: the entries and each week's total.</summary>
internal sealed record ListedWeeks(IReadOnlyList<WeekSummary> Weeks, IReadOnlyList<EntryResponse> Entries);

internal sealed record WeekSummary(string Week, DateOnly Monday, decimal Hours, IReadOnlyList<decimal> HoursPerDay)
{
    public static WeekSummary From(WeekTotal week) => new(week.Name, week.Monday, week.Hours, week.HoursPerDay);
}

/// <summary><c>import --json</c>.</summary>
internal sealed record ImportSummary(long Rows, long Created, long Skipped, long Refused, IReadOnlyList<ImportRowError> Errors);

internal sealed record ImportRowError(long Line, string Field, string Message);

/// <summary><c>sync --json</c>: each queued entry's end.</summary>
internal sealed record SyncOutcome(IReadOnlyList<SyncedEntry> Stored, IReadOnlyList<SyncedEntry> Refused, IReadOnlyList<SyncedEntry> StillWaiting);

internal sealed record SyncedEntry(Guid QueueId, EntryRequest Entry, long? StoredId, string? Reason);
