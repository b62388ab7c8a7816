using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Timesheets.Api.Data;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>
/// PostgreSQL: the user's advisory lock, the day's other hours, (for a new entry) its id and (for a
/// request with an <c>Idempotency-Key</c>) what an earlier request with that key stored, in one
/// round trip. They are separate statements of one batch, so the sum is read with a snapshot taken
/// after the lock is held (read committed takes one per statement): a parallel write of the same
/// user, committed while this one waited, is counted.
/// </summary>
internal static class PostgresDayLock
{
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtext($1))";

    private const string SumSql = """SELECT coalesce(sum("Centihours"), 0)::int FROM "Entries" WHERE "OwnerEmail" = $1 AND "Date" = $2 AND "Id" <> $3""";

    // The id is taken before the insert so the entry, its change row and its audit row go in one save.
    private const string NextIdSql = """SELECT nextval(pg_get_serial_sequence('"Entries"', 'Id'))""";

    // Read under the user's lock: a retry of the same request waits for the first to commit, then finds its record.
    private const string EarlierSql = """SELECT "RequestHash", "EntryId" FROM "IdempotencyKeys" WHERE "OwnerSub" = $1 AND "Key" = $2""";

    /// <summary>
    /// Call inside the write transaction. Returns the other entries' hours × 100, a new id when <paramref name="newId"/>,
    /// and the record of an earlier request with <paramref name="idempotency"/>'s key, if one was stored.
    /// </summary>
    public static async Task<(int Others, long? NewId, EarlierRequest? Earlier)> LockDayAsync(ApiDataContext db, string ownerEmail, DateOnly date,
        long? exceptId, bool newId, IdempotencyKey? idempotency, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LockSql) { Parameters = { new NpgsqlParameter<string>{ NpgsqlDbType = NpgsqlDbType.Text, TypedValue = ownerEmail } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(SumSql)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = ownerEmail },
                new NpgsqlParameter<DateOnly> { NpgsqlDbType = NpgsqlDbType.Date, TypedValue = date },
                new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = exceptId ?? 0 },
            },
        });
        if (newId)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(NextIdSql));
        }

        if (idempotency is { } probe)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(EarlierSql)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = probe.OwnerSub },
                    new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = probe.Key },
                },
            });
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var others = reader.GetInt32(0);
        long? id = null;
        if (newId)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            id = reader.GetInt64(0);
        }

        EarlierRequest? earlier = null;
        if (idempotency is not null)
        {
            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                earlier = new EarlierRequest(reader.GetString(0), reader.GetInt64(1));
            }
        }

        return (others, id, earlier);
    }
}
