using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// How every SQLite connection of the services is set up when it opens (a pooled connection keeps the
/// settings; setting them again costs microseconds):
/// <list type="bullet">
/// <item><c>journal_mode = WAL</c>: readers never block the writer, nor the writer readers. In SQLite's
/// default rollback journal, a request that had read inside its transaction and then wrote while a
/// background writer (the security log, key rotation) was committing got "database is locked" at once:
/// SQLite refuses to wait when waiting could deadlock, so the request failed with a 500 or an OAuth error.
/// The mode is stored in the database file, so setting it again is a no-op.</item>
/// <item><c>busy_timeout</c>: a writer that finds another writer waits for it, inside SQLite, as long as
/// the connection's command timeout (<see cref="ConnectionStrings.Sqlite"/>), also where
/// Microsoft.Data.Sqlite's own retry does not apply.</item>
/// <item><c>cache_size = -512</c>: each connection's page cache is capped at 512 KiB instead of 2 MiB.
/// Pooled connections keep their cache while idle, and 32 concurrent requests leave 10–20 of them in the
/// pool: ~16 MB of native memory for pages the operating system's file cache holds anyway.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private static string Pragmas(DbConnection connection)
    {
        var settings = $"PRAGMA busy_timeout = {Math.Max(1, connection.ConnectionTimeout) * 1000}; PRAGMA cache_size = -512;";
        // A read-only connection (EF opens one to see whether the database exists) cannot switch the mode.
        return new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly
            ? settings
            : "PRAGMA journal_mode = WAL; " + settings;
    }

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
