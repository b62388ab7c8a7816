using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;

namespace Timesheets.Api.Features.Upload;

/// <summary>
/// PostgreSQL: a checked chunk of uploaded entries and their change rows in one statement (one
/// round trip), inside the upload's transaction. EF would need two SaveChanges per chunk (the
/// change rows need the entries' generated ids) and track every row.
/// </summary>
internal static class PostgresBulkInsert
{
    // Status and source are the converted values of EntryStatus.Pending and EntrySource.Batch;
    // EntryChanges.Xid comes from its column default, like every other change row.
    private const string Sql = """
        WITH ins AS (
            INSERT INTO "Entries" ("OwnerSub", "OwnerEmail", "Date", "ProjectId", "Centihours", "Notes", "Status", "Source", "ExternalId", "CreatedAt", "UpdatedAt", "Version")
            SELECT r.sub, r.email, r.day, r.project, r.centihours, r.notes, 'pending', 'batch', r.external, @now, @now, 1
            FROM unnest(@subs, @emails, @days, @projects, @centihours, @notes, @externals) AS r(sub, email, day, project, centihours, notes, external)
            RETURNING "Id", "OwnerSub", "OwnerEmail"
        ), changes AS (
            INSERT INTO "EntryChanges" ("EntryId", "OwnerSub", "OwnerEmail", "Deleted", "At")
            SELECT "Id", "OwnerSub", "OwnerEmail", false, @now FROM ins ORDER BY "Id"
        )
        SELECT coalesce(min("Id"), 0), coalesce(max("Id"), 0) FROM ins
        """;

    /// <summary>Inserts the entries; returns the lowest and highest new id.</summary>
    public static async Task<(long First, long Last)> InsertAsync(ApiDataContext db, IReadOnlyList<TimesheetEntry> entries, DateTime now, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
        command.Parameters.Add(Array("subs", NpgsqlDbType.Varchar, entries.Select(e => e.OwnerSub).ToArray()));
        command.Parameters.Add(Array("emails", NpgsqlDbType.Varchar, entries.Select(e => (string?)e.OwnerEmail).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = entries.Select(e => e.Date).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]>("projects", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = entries.Select(e => e.ProjectId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]>("centihours", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = entries.Select(e => e.Centihours).ToArray() });
        command.Parameters.Add(Array("notes", NpgsqlDbType.Varchar, entries.Select(e => e.Notes).ToArray()));
        command.Parameters.Add(Array("externals", NpgsqlDbType.Varchar, entries.Select(e => e.ExternalId).ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static NpgsqlParameter<string?[]> Array(string name, NpgsqlDbType type, string?[] values) =>
        new(name, NpgsqlDbType.Array | type) { TypedValue = values };
}
