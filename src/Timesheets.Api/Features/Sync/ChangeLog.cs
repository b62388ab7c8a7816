using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;

namespace Timesheets.Api.Features.Sync;

internal static class ChangeLog
{
    /// <summary>Adds a row to the changes feed in the same unit of work as the change itself, stamped with the request's one time.</summary>
    public static void RecordChange(this ApiDataContext db, TimesheetEntry entry, DateTime at, bool deleted = false) =>
        db.Changes.Add(ChangeOf(entry, deleted, at));

    /// <summary>The changes-feed row for a change of <paramref name="entry"/> made at <paramref name="at"/>.</summary>
    public static EntryChange ChangeOf(TimesheetEntry entry, bool deleted, DateTime at) => new()
    {
        EntryId = entry.Id,
        OwnerSub = entry.OwnerSub,
        OwnerEmail = entry.OwnerEmail,
        Deleted = deleted,
        At = at,
    };
}
