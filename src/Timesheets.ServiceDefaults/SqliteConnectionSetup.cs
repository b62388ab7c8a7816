using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// How the services use SQLite.
/// <list type="bullet">
/// <item><c>journal_mode = WAL</c>, set once by each service's migration (<see cref="UseWriteAheadLogAsync"/>; the
/// mode is stored in the database file): readers never block the writer, nor the writer readers. In SQLite's
/// default rollback journal, a request that had read inside its transaction and then wrote while a background
/// writer (the security log, key rotation) was committing got "database is locked" at once: SQLite refuses to
/// wait when waiting could deadlock, so the request failed with a 500 or an OAuth error.</item>
/// <item><c>busy_timeout</c>, on every connection as it opens: a writer that finds another writer waits for it,
/// inside SQLite, as long as the connection's command timeout (<see cref="ConnectionStrings.Sqlite"/>), also
/// where Microsoft.Data.Sqlite's own retry does not apply.</item>
/// <item><c>cache_size = -512</c>, on every connection as it opens: each connection's page cache is capped at
/// 512 KiB instead of 2 MiB. Pooled connections keep their cache while idle, and 32 concurrent requests leave
/// 10–20 of them in the pool: ~16 MB of native memory for pages the operating system's file cache holds anyway.</item>
/// </list>
/// A pooled connection keeps its settings; setting them again on each open costs microseconds.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    /// <summary>Switches a SQLite database to write-ahead logging (a no-op when it already is, or on PostgreSQL).</summary>
    public static async Task UseWriteAheadLogAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (database.GetDbConnection() is SqliteConnection)
        {
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }
    }

    private static string Pragmas(DbConnection connection) =>
        $"PRAGMA busy_timeout = {Math.Max(1, connection.ConnectionTimeout) * 1000}; PRAGMA cache_size = -512;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
