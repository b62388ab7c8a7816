using Timesheets.Api.Data;
using Timesheets.Api.Features.Audit;
using Timesheets.Api.Features.Sync;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Approvals;

internal enum ReviewRefusal
{
    None,
    NotFound,
    Own,
    NotPending,
}

/// <summary>The review rules shared by single and bulk approval.</summary>
internal static class Review
{
    public static ReviewRefusal Check(TimesheetEntry? entry, Caller caller) => entry switch
    {
        null => ReviewRefusal.NotFound,
        // Own is matched on sub and on email, so an uploaded entry not yet bound to a sub is covered too.
        _ when entry.OwnerSub == caller.Sub || (caller.Email is not null && entry.OwnerEmail == caller.Email) => ReviewRefusal.Own,
        { Status: not EntryStatus.Pending } => ReviewRefusal.NotPending,
        _ => ReviewRefusal.None,
    };


    /// <summary>Approves (reason null) or rejects the entry, recording who and when, its change and its audit event.</summary>
    public static void Apply(ApiDataContext db, TimesheetEntry entry, Caller caller, string? rejectionReason, DateTime now)
    {
        var before = entry.ToResponse();
        entry.Status = rejectionReason is null ? EntryStatus.Approved : EntryStatus.Rejected;
        entry.RejectionReason = rejectionReason;
        entry.ReviewedBy = caller.Email ?? caller.Sub;
        entry.ReviewedAt = now;
        entry.UpdatedAt = now;
        entry.Version++;
        db.RecordChange(entry, now);
        db.Audit(caller, now, rejectionReason is null ? AuditActions.Approve : AuditActions.Reject, "timesheet", entry.Id, before, entry.ToResponse());
    }
}
