using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;

namespace Timesheets.Api.Features.Users;

/// <summary>
/// Uploads and hand-overs must not interleave. An upload reads "no <c>sub</c> yet" for an email and
/// stores its rows unbound; a hand-over that commits between that read and the upload's commit does
/// not see those rows, and the user, now known, is never handed them. So an upload holds this lock
/// shared (uploads still run side by side) and a hand-over holds it exclusively, each until commit.
/// </summary>
internal static class HandOverLock
{
    // One key for every email: an upload may name 100,000 of them, far more advisory locks than one
    // transaction may hold. Outside the 32-bit range of the day locks' hashtext(email) keys.
    private const long Key = 0x5453_4841_4E44_4F56; // "TSHANDOV"

    /// <summary>
    /// Call first inside the write transaction. SQLite needs nothing: its write transaction is
    /// <c>BEGIN IMMEDIATE</c>, the database's single writer, taken before anything is read.
    /// </summary>
    public static Task ForUploadAsync(ApiDataContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({Key})", cancellationToken) : Task.CompletedTask;

    /// <inheritdoc cref="ForUploadAsync"/>
    public static Task ForHandOverAsync(ApiDataContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken) : Task.CompletedTask;
}
