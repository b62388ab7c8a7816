using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Data;

/// <summary>
/// PostgreSQL only: tells the other API instances on the database what this one changed, so that
/// what they keep in memory follows (<see cref="ChangeListener"/> hears it). Sent after the change
/// has committed, as <c>NOTIFY</c> on <see cref="Channel"/>: <c>entries:&lt;sub&gt;</c> for an owner
/// whose entries changed, <see cref="All"/> when any page or the project list may have.
/// <para>
/// Not from inside the write's own transaction (a trigger would do that): PostgreSQL serialises the
/// commits of all transactions that notify, under one lock held until their commit record is
/// flushed, which would turn every entry write of every instance into a queue. Here a background
/// loop sends what has accumulated over <see cref="BatchWindow"/> in one statement, in a transaction
/// that writes nothing, off the request's path (one round trip per write cost POST 8–15 %). If this instance stops between a commit and its notification, the others keep the
/// page from before until it expires (<see cref="Features.Timesheets.NewestPageCache.MaxAge"/>).
/// </para>
/// </summary>
internal sealed partial class ChangeBroadcast(IOptions<DatabaseSettings> settings, ILogger<ChangeBroadcast> log) : BackgroundService
{
    public const string Channel = "timesheets_changes";
    public const string EntriesPrefix = "entries:";
    public const string All = "all";
    private const int MaxBatch = 1000;

    /// <summary>How long a change waits for others to go out with it: the other instances hear of it this much later.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(5);

    private readonly Channel<string> _queue = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _enabled = settings.Value.Provider == DatabaseProviders.Postgres;

    /// <summary>After this instance committed a change of <paramref name="owner"/>'s entries.</summary>
    public void EntriesChanged(string owner) => Send(EntriesPrefix + owner);

    /// <summary>After this instance committed a change that may touch every page (projects, an upload).</summary>
    public void AllChanged() => Send(All);

    private void Send(string payload)
    {
        if (_enabled)
        {
            _queue.Writer.TryWrite(payload);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled)
        {
            return;
        }

        var connectionString = ConnectionStrings.Postgres(settings.Value.ConnectionString);
        var batch = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (batch.Count > 0 || await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Let a busy moment's changes gather: one statement for them all instead of one per write.
                await Task.Delay(BatchWindow, stoppingToken);
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var payload))
                {
                    batch.Add(payload);
                }

                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var notify = new NpgsqlCommand("SELECT count(pg_notify($1, payload)) FROM unnest($2::text[]) AS payload", connection)
                    {
                        Parameters = { new() { Value = Channel }, new() { Value = batch.ToArray() } },
                    };
                    await notify.ExecuteScalarAsync(stoppingToken);
                    batch.Clear();
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // Kept and sent with what comes next, once the database answers again.
                    SendFailed(log, batch.Count, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other instances about {Count} change(s) ({Reason}); retrying.")]
    private static partial void SendFailed(ILogger logger, int count, string reason);
}
