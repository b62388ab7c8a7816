using Npgsql;
using Timesheets.Testing;

namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>What the API's database holds of an upload, read straight from PostgreSQL (not through the API under test).</summary>
public static class UploadedRows
{
    /// <summary>Committed rows whose external id starts with <paramref name="prefix"/>, and how many distinct external ids they carry.</summary>
    public static async Task<(int Rows, int DistinctExternalIds)> CountAsync(TestDatabase database, string prefix)
    {
        await using var connection = await OpenAsync(database);
        await using var count = new NpgsqlCommand("""SELECT count(*), count(DISTINCT "ExternalId") FROM "Entries" WHERE "ExternalId" LIKE $1""", connection)
        {
            Parameters = { new() { Value = prefix + "%" } },
        };
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>
    /// True while an upload's transaction has written rows it has not committed yet: a session holding the upload's
    /// advisory lock (<c>Features/Users/HandOverLock.cs</c>) with a transaction id, which PostgreSQL assigns at its first
    /// write. An upload is one transaction, so its rows are invisible to <see cref="CountAsync"/> until it commits.
    /// </summary>
    public static async Task<bool> UploadWritingAsync(TestDatabase database)
    {
        await using var connection = await OpenAsync(database);
        await using var writing = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
            WHERE a.datname = current_database() AND l.locktype = 'advisory' AND l.granted AND a.backend_xid IS NOT NULL
            """, connection);
        return (long)(await writing.ExecuteScalarAsync())! > 0;
    }

    private static async Task<NpgsqlConnection> OpenAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
