using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timesheets.ServiceDefaults;
using Timesheets.ServiceDefaults.Resilience;

namespace Timesheets.Identity.Data;

internal static class DatabaseExtensions
{
    public const string DefaultSqliteFile = "data/identity.db";

    /// <summary>
    /// Registers <see cref="IdentityDataContext"/> on the configured provider, pooled: the options are
    /// built once and contexts are reused, instead of both being built for every request (about a tenth
    /// of a client-credentials token's CPU before, see docs/benchmarks.md).
    /// </summary>
    public static IServiceCollection AddIdentityDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, DatabaseSettings.Section, new DatabaseSettingsValidator());
        if (settings.Provider == DatabaseProviders.Postgres)
        {
            services.AddDbContextPool<IdentityDataContext, PostgresIdentityDataContext>(o => o.UseResilientNpgsql(ConnectionStrings.Postgres(settings.ConnectionString)));
        }
        else
        {
            var connectionString = ConnectionStrings.Sqlite(settings.ConnectionString, DefaultSqliteFile);
            services.AddDbContextPool<IdentityDataContext, SqliteIdentityDataContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSetup()));
        }

        return services;
    }

    /// <summary>Applies pending migrations; used by the <c>migrate</c> command and by <c>Database:MigrateOnStart</c>.</summary>
    public static async Task MigrateIdentityDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await SqliteConnectionSetup.UseWriteAheadLogAsync(db.Database, cancellationToken);
    }

    public static bool MigrateOnStart(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseSettings>>().Value.MigrateOnStart;
}
