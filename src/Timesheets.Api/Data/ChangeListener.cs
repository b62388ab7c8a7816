using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Timesheets.Api.Features.Projects;
using Timesheets.Api.Features.Timesheets;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Data;

/// <summary>
/// PostgreSQL only: hears what the other API instances on the database changed (<see cref="ChangeBroadcast"/>
/// sends it), so that what this instance keeps in memory follows: the first pages of the owners named,
/// or every page and the project list.
/// <para>
/// A notification sent while the listening connection is down is lost, so the page cache is off
/// (<see cref="NewestPageCache.Available"/>) until the connection is up and listening again, and it
/// starts empty then. Keepalives (Npgsql's and TCP's) find a dead connection within seconds, and no
/// page is kept longer than <see cref="NewestPageCache.MaxAge"/> whatever happens.
/// </para>
/// </summary>
internal sealed partial class ChangeListener(
    IOptions<DatabaseSettings> settings, NewestPageCache pages, ProjectCatalog projects, ChangeBroadcast broadcast, ILogger<ChangeListener> log) : BackgroundService
{
    /// <summary>How the listening connection shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "timesheets-api-changes";
    private const int KeepaliveSeconds = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A connection of its own, outside the pool: LISTEN is session state.
        var connectionString = new NpgsqlConnectionStringBuilder(settings.Value.ConnectionString)
        {
            Pooling = false,
            KeepAlive = KeepaliveSeconds,
            TcpKeepAlive = true,
            TcpKeepAliveTime = KeepaliveSeconds,
            TcpKeepAliveInterval = 1,
            ApplicationName = ApplicationName,
        }.ConnectionString;
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Apply(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeBroadcast.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was written while nobody listened may be in memory: start again from nothing.
                pages.InvalidateAll();
                projects.Invalidate();
                pages.Available = true;
                retry = TimeSpan.FromSeconds(1);
                Listening(log);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                pages.Available = false;
                Interrupted(log, ex.Message, retry.TotalSeconds);
            }

            await Task.Delay(retry, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, 30));
        }
    }

    private void Apply(string payload)
    {
        ChangeMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<ChangeMessage>(payload);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message?.From == broadcast.InstanceId)
        {
            return; // this instance's own change: its pages were brought up to date at its commit
        }

        if (message is { All: false, Owners: { } owners })
        {
            foreach (var owner in owners)
            {
                pages.Invalidate(owner);
            }
        }
        else
        {
            // "all", or a message this version does not understand: assume it may touch every page.
            pages.InvalidateAll();
            projects.Invalidate();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for changes made through other instances; the page cache is on.")]
    private static partial void Listening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change notifications from the database are interrupted ({Reason}); the page cache is off until they are back. Retrying in {Seconds} s.")]
    private static partial void Interrupted(ILogger logger, string reason, double seconds);
}
