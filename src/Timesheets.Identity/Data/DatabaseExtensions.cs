using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Timesheets.Identity.Configuration;

namespace Timesheets.Identity.Data;

internal static class DatabaseExtensions
{
    public const string DefaultSqliteFile = "data/identity.db";

    /// <summary>Registers <see cref="IdentityDataContext"/> on the configured provider.</summary>
    public static IServiceCollection AddIdentityDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsValidation.Read(configuration, DatabaseSettings.Section, new DatabaseSettingsValidator());
        if (settings.Provider == DatabaseProviders.Postgres)
        {
            services.AddDbContext<IdentityDataContext, PostgresIdentityDataContext>(o => o.UseNpgsql(PostgresConnectionString(settings.ConnectionString)));
        }
        else
        {
            var connectionString = SqliteConnectionString(settings.ConnectionString);
            services.AddDbContext<IdentityDataContext, SqliteIdentityDataContext>(o => o.UseSqlite(connectionString));
        }

        return services;
    }

    /// <summary>
    /// Npgsql resets every pooled connection with DISCARD ALL when EF closes it (several times per
    /// token request) and parses every statement anew. The server keeps no session state, so both
    /// are turned off unless the connection string says otherwise.
    /// </summary>
    internal static string PostgresConnectionString(string configured)
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
    internal static string SqliteConnectionString(string configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqliteFile}" : configured);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }

        // Shared cache off and a busy timeout: concurrent requests wait for the writer instead of failing.
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Applies pending migrations; used by the <c>migrate</c> command and by <c>Database:MigrateOnStart</c>.</summary>
    public static async Task MigrateIdentityDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }

    public static bool MigrateOnStart(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseSettings>>().Value.MigrateOnStart;
}
