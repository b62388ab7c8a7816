using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// Caps each SQLite connection's page cache at 512 KiB instead of SQLite's 2 MiB. Pooled connections
/// keep their cache while idle, and 32 concurrent requests leave 10–20 of them in the pool: ~16 MB of
/// native memory for pages the operating system's file cache holds anyway. Applied on every open (a
/// pooled connection keeps the setting; setting it again costs microseconds).
/// </summary>
public sealed class SqlitePageCacheLimit : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA cache_size = -512";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
