using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Timesheets.ServiceDefaults;

public static class ConnectionStrings
{
    /// <summary>Seconds to open a PostgreSQL connection unless the connection string says otherwise.</summary>
    public const int DefaultConnectTimeoutSeconds = 3;

    private static readonly string[] ConnectTimeoutKeys = ["Timeout", "Connect Timeout", "Connection Timeout"];

    /// <summary>
    /// Npgsql resets every pooled connection with DISCARD ALL when EF closes it (several times per
    /// request) and parses every statement anew. The services keep no session state (advisory
    /// locks are transaction-scoped), so both are turned off unless the connection string says otherwise.
    /// </summary>
    public static string Postgres(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!configured.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (!configured.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 20;
        }

        // A database that does not answer should cost a request a few seconds at most (then 503), not Npgsql's 15 s.
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        if (!ConnectTimeoutKeys.Any(given.ContainsKey))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The SQLite connection string, creating the folder of its file so a fresh clone just runs, and the
    /// file itself readable by its owner only (<see cref="SqliteFiles"/>).
    /// </summary>
    public static string Sqlite(string configured, string defaultFile)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={defaultFile}" : configured);
        if (builder.DataSource is not (":memory:" or "") && builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            SqliteFiles.PrepareOwnerOnly(builder.DataSource);
        }

        // Concurrent requests wait for the writer instead of failing.
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
