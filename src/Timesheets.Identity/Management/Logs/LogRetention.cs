using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Management.Logs;

/// <summary>
/// Deletes log entries older than <c>Logs:Retention</c>, once at start and then every <see cref="Interval"/>.
/// Every instance purges; the deletes are idempotent, so instances need no coordination.
/// </summary>
internal sealed partial class LogRetention(IServiceScopeFactory scopes, IOptions<LogSettings> settings, TimeProvider clock, ILogger<LogRetention> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var before = (clock.GetUtcNow() - settings.Value.Retention).ToUnixTimeMilliseconds();
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<IdentityDataContext>().Logs
                    .Where(e => e.At < before).ExecuteDeleteAsync(stoppingToken);
                if (purged > 0)
                {
                    LogPurged(logger, purged, settings.Value.Retention);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} log entries older than {Retention}")]
    private static partial void LogPurged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The log could not be purged; trying again at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
