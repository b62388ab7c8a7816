using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Data;

/// <summary>
/// PostgreSQL only: tells the other API instances on the database what this one changed, so that
/// what they keep in memory follows (<see cref="ChangeListener"/> hears it). Sent after the change
/// has committed, as <c>NOTIFY</c> on <see cref="Channel"/> with a <see cref="ChangeMessage"/> in JSON:
/// the owners whose entries changed, or "all" when any page or the project list may have.
/// <para>
/// Not from inside the write's own transaction (a trigger would do that): PostgreSQL serialises the
/// commits of all transactions that notify, under one lock held until their commit record is
/// flushed, which would turn every entry write of every instance into a queue. Here a background
/// loop sends what has accumulated over <see cref="BatchWindow"/> in one statement, in a transaction
/// that writes nothing, off the request's path. If this instance stops between a commit and its notification, the others keep the
/// page from before until it expires (<see cref="Features.Timesheets.NewestPageCache.MaxAge"/>).
/// </para>
/// </summary>
internal sealed partial class ChangeBroadcast(IOptions<DatabaseSettings> settings, ILogger<ChangeBroadcast> log) : BackgroundService
{
    public const string Channel = "timesheets_changes";
    private const int MaxPayloadBytes = 7000; // PostgreSQL refuses payloads of 8000 bytes and more

    /// <summary>How long a change waits for others to go out with it: the other instances hear of it this much later.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(5);

    /// <summary>Owners whose entries changed; <c>null</c> for a change that may touch every page.</summary>
    private readonly Channel<string?> _queue = System.Threading.Channels.Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _enabled = settings.Value.Provider == DatabaseProviders.Postgres;

    /// <summary>This process: its own notifications come back to its listener, which skips them.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>After this instance committed a change of <paramref name="owner"/>'s entries.</summary>
    public void EntriesChanged(string owner) => Send(owner);

    /// <summary>After this instance committed a change that may touch every page (projects, an upload).</summary>
    public void AllChanged() => Send(null);

    private void Send(string? owner)
    {
        if (_enabled)
        {
            _queue.Writer.TryWrite(owner);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled)
        {
            return;
        }

        var connectionString = ConnectionStrings.Postgres(settings.Value.ConnectionString);
        var owners = new HashSet<string>(StringComparer.Ordinal);
        var all = false;
        var retry = TimeSpan.FromSeconds(1);
        try
        {
            while (all || owners.Count > 0 || await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Let a busy moment's changes gather: one notification for them all instead of one per write.
                await Task.Delay(BatchWindow, stoppingToken);
                while (_queue.Reader.TryRead(out var owner))
                {
                    all |= owner is null;
                    if (owner is not null && !all)
                    {
                        owners.Add(owner);
                    }
                }

                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var notify = new NpgsqlCommand("SELECT count(pg_notify($1, payload)) FROM unnest($2::text[]) AS payload", connection)
                    {
                        Parameters = { new() { Value = Channel }, new() { Value = Payloads(InstanceId, all: all, owners) } },
                    };
                    await notify.ExecuteScalarAsync(stoppingToken);
                    owners.Clear();
                    all = false;
                    retry = TimeSpan.FromSeconds(1);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // Kept and sent with what comes next, once the database answers again.
                    SendFailed(log, all ? "all pages" : $"{owners.Count} owner(s)", ex.Message, retry.TotalSeconds);
                    await Task.Delay(retry, stoppingToken);
                    retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, 30));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>As few notifications as the payload limit allows: every owner of the batch, or "all".</summary>
    internal static string[] Payloads(string from, bool all, IReadOnlyCollection<string> owners)
    {
        if (all)
        {
            return [JsonSerializer.Serialize(new ChangeMessage(from, All: true, Owners: []))];
        }

        var payloads = new List<string>();
        var chunk = new List<string>();
        var length = 0;
        foreach (var owner in owners)
        {
            var size = JsonEncodedText.Encode(owner).EncodedUtf8Bytes.Length + 3; // quotes and comma
            if (chunk.Count > 0 && length + size > MaxPayloadBytes)
            {
                payloads.Add(JsonSerializer.Serialize(new ChangeMessage(from, All: false, Owners: chunk)));
                chunk = [];
                length = 0;
            }

            chunk.Add(owner);
            length += size;
        }

        payloads.Add(JsonSerializer.Serialize(new ChangeMessage(from, All: false, Owners: chunk)));
        return [.. payloads];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other instances about changes to {What} ({Reason}); retrying in {Seconds} s.")]
    private static partial void SendFailed(ILogger logger, string what, string reason, double seconds);
}

/// <summary>One notification: which instance sent it, and whose first pages changed (or all of them).</summary>
internal sealed record ChangeMessage(string From, bool All, IReadOnlyList<string> Owners);
