namespace Timesheets.Identity.Configuration;

/// <summary>Storage settings (section <c>Database</c>).</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>Connection string; for SQLite a default file under the data folder is used when empty.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations at start-up. Off by default: production runs <c>migrate</c> explicitly.</summary>
    public bool MigrateOnStart { get; set; }
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
}
