using Microsoft.Extensions.Options;

namespace Timesheets.ServiceDefaults;

/// <summary>Storage settings (section <c>Database</c>), the same for every service.</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>Connection string; for SQLite a default file under <c>data/</c> is used when empty.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations at start-up. Off by default: production runs <c>migrate</c> explicitly.</summary>
    public bool MigrateOnStart { get; set; }
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
}

public sealed class DatabaseSettingsValidator : IValidateOptions<DatabaseSettings>
{
    public ValidateOptionsResult Validate(string? name, DatabaseSettings options)
    {
        if (options.Provider is not (DatabaseProviders.Sqlite or DatabaseProviders.Postgres))
        {
            return ValidateOptionsResult.Fail($"{SettingsReader.Env("Database:Provider")} must be 'Sqlite' or 'Postgres' (got '{options.Provider}').");
        }

        if (options.Provider == DatabaseProviders.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{SettingsReader.Env("Database:ConnectionString")} is required when Database:Provider is Postgres, e.g. 'Host=127.0.0.1;Database=timesheets;Username=timesheets'.");
        }

        return ValidateOptionsResult.Success;
    }
}
