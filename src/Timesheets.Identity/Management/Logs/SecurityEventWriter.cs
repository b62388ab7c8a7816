using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Management.Logs;

/// <summary>
/// Saves the security events <see cref="SecurityEventCapture"/> queued, up to <see cref="BatchSize"/> per
/// round trip, with the user's email as it is now. A failed save (database briefly away) loses that batch
/// and says so in the ordinary logs; the writer goes on. Stopping drains what is queued.
/// </summary>
internal sealed partial class SecurityEventWriter(SecurityEventCapture capture, IServiceScopeFactory scopes, ILogger<SecurityEventWriter> logger)
    : BackgroundService
{
    public const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = capture.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await SaveBatchAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is queued is saved below, without the cancelled token.
        }

        while (reader.TryPeek(out _))
        {
            await SaveBatchAsync(CancellationToken.None);
        }
    }

    private async Task SaveBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<LogEvent>(BatchSize);
        while (batch.Count < BatchSize && capture.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }

        if (capture.TakeDropped() is > 0 and var dropped)
        {
            LogDropped(logger, dropped);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
            var ids = batch.Select(e => e.ActorId).OfType<string>().Distinct().ToList();
            var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
            foreach (var entry in batch)
            {
                entry.ActorName = entry.ActorId is { } id ? emails.GetValueOrDefault(id) : null;
            }

            db.Logs.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSaveFailed(logger, batch.Count, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The log queue was full: {Dropped} security events were not written to the Logs table")]
    private static partial void LogDropped(ILogger logger, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} security events could not be written to the Logs table")]
    private static partial void LogSaveFailed(ILogger logger, int count, Exception exception);
}
