using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;
using Timesheets.Api.Features.Timesheets;
using Timesheets.ServiceDefaults;
using Timesheets.ServiceDefaults.Resilience;

namespace Timesheets.Api.Data;

internal static class DatabaseExtensions
{
    public const string DefaultSqliteFile = "data/api.db";

    /// <summary>Registers <see cref="ApiDataContext"/> on the configured provider, and its readiness check.</summary>
    public static IServiceCollection AddApiDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, DatabaseSettings.Section, new DatabaseSettingsValidator());
        services.AddSingleton<ChangeBroadcast>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeBroadcast>());
        services.AddSingleton<NewestPageCache>();
        services.AddSingleton<NewestPageInvalidation>();
        if (settings.Provider == DatabaseProviders.Postgres)
        {
            var connectionString = ConnectionStrings.Postgres(settings.ConnectionString);
            services.AddDbContextPool<ApiDataContext, PostgresApiDataContext>((sp, o) =>
                o.UseResilientNpgsql(connectionString).AddInterceptors(sp.GetRequiredService<NewestPageInvalidation>()));
            services.AddHostedService<ChangeListener>();
            var replica = configuration.GetSection(ReadReplicaSettings.Section).Get<ReadReplicaSettings>()?.ConnectionString;
            ReadDatabase.Register(services, string.IsNullOrWhiteSpace(replica) ? null
                : new DbContextOptionsBuilder<PostgresApiDataContext>().UseResilientNpgsql(ConnectionStrings.Postgres(replica))
                    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options);
        }
        else
        {
            var connectionString = ConnectionStrings.Sqlite(settings.ConnectionString, DefaultSqliteFile);
            services.AddDbContextPool<ApiDataContext, SqliteApiDataContext>((sp, o) =>
                o.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSetup(), sp.GetRequiredService<NewestPageInvalidation>()));
            ReadDatabase.Register(services, replica: null);
        }

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static async Task MigrateApiDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await SqliteConnectionSetup.UseWriteAheadLogAsync(db.Database, cancellationToken);
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
