using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Timesheets.ServiceDefaults.Resilience;

public static class ResilienceExtensions
{
    /// <summary>
    /// Retries: few and short. Three retries with at most 200 ms between them keep a request that
    /// meets a broken pooled connection or a deadlock well under a second, and a database that is
    /// really down is not retried at all (<see cref="SafeRetryStrategy"/>).
    /// </summary>
    public const int MaxRetryCount = 3;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Seconds Kestrel lets in-flight requests finish after SIGTERM before it aborts them. Below
    /// Kubernetes' default 30 s grace period, so the process exits on its own before it is killed.
    /// </summary>
    public const int DefaultShutdownSeconds = 25;

    /// <summary>PostgreSQL through the retrying strategy, with the interceptor that keeps writes in doubt from being retried.</summary>
    public static TBuilder UseResilientNpgsql<TBuilder>(this TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder =>
        (TBuilder)options.UseNpgsql(connectionString, npgsql => npgsql.ExecutionStrategy(d => new SafeRetryStrategy(d, MaxRetryCount, MaxRetryDelay)))
            .AddInterceptors(UnknownOutcomes.Instance);

    /// <summary>
    /// The 503 answer while the database is down, and the drain on shutdown: .NET's own
    /// <c>shutdownTimeoutSeconds</c> (<c>ASPNETCORE_SHUTDOWNTIMEOUTSECONDS</c>) when set, else
    /// <see cref="DefaultShutdownSeconds"/>.
    /// </summary>
    public static IServiceCollection AddResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddExceptionHandler<DatabaseOutageHandler>();
        var seconds = configuration.GetValue("shutdownTimeoutSeconds", DefaultShutdownSeconds);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(seconds));
        return services;
    }
}
