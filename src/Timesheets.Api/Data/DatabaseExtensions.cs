using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Data;

internal static class DatabaseExtensions
{
    public const string DefaultSqliteFile = "data/api.db";

    /// <summary>Registers <see cref="ApiDataContext"/> on the configured provider, and its readiness check.</summary>
    public static IServiceCollection AddApiDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsValidation.Read(configuration, DatabaseSettings.Section, new DatabaseSettingsValidator());
        if (settings.Provider == DatabaseProviders.Postgres)
        {
            var connectionString = PostgresConnectionString(settings.ConnectionString);
            services.AddDbContextPool<ApiDataContext, PostgresApiDataContext>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            var connectionString = SqliteConnectionString(settings.ConnectionString);
            services.AddDbContextPool<ApiDataContext, SqliteApiDataContext>(o => o.UseSqlite(connectionString));
        }

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Npgsql resets every pooled connection with DISCARD ALL when EF closes it and parses every
    /// statement anew. The API keeps no session state (its advisory locks are transaction-scoped,
    /// <c>pg_advisory_xact_lock</c>), so both are turned off unless the connection string says otherwise.
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

        // Concurrent requests wait for the writer instead of failing.
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    public static async Task MigrateApiDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }

    public static bool MigrateOnStart(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseSettings>>().Value.MigrateOnStart;
}

/// <summary><c>/health/ready</c>: the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(ApiDataContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A query on a real table: fails when the database is down or not migrated.
            _ = await db.Projects.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
