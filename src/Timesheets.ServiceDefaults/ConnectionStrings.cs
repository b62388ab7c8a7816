using Microsoft.Data.Sqlite;
using Npgsql;

namespace Timesheets.ServiceDefaults;

public static class ConnectionStrings
{
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

        return builder.ConnectionString;
    }

    /// <summary>The SQLite connection string, creating the folder of its file so a fresh clone just runs.</summary>
    public static string Sqlite(string configured, string defaultFile)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={defaultFile}" : configured);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }

        // Concurrent requests wait for the writer instead of failing.
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
