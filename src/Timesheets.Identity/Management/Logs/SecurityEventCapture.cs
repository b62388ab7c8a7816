using System.Threading.Channels;
using Timesheets.Identity.Security;

namespace Timesheets.Identity.Management.Logs;

/// <summary>
/// Puts every security event (<see cref="SecurityLog"/>) into the log table too, without touching the
/// places that raise them: a logger provider for the security categories reads each event's structured
/// values (user, client, address) and queues a row; <see cref="SecurityEventWriter"/> saves the queue in
/// batches. A request never waits for the database: when the queue is full the event is dropped and
/// counted (the writer reports the count), and the ordinary logs still have it.
/// </summary>
internal sealed class SecurityEventCapture(TimeProvider clock) : ILoggerProvider
{
    public const int Capacity = 10_000;

    private static readonly string[] Categories = [SecurityLog.Category, CategoryOf(typeof(SecurityLog.Events)), CategoryOf(typeof(SecurityLog.IssuedTokens))];

    private readonly Channel<LogEvent> _queue = Channel.CreateBounded<LogEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly TimeProvider _clock = clock;

    private long _dropped;

    public ChannelReader<LogEvent> Reader => _queue.Reader;

    /// <summary>Events dropped since the last call, because the queue was full.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    // The category ILogger<T> logs under: the type's full name, a nested type's '+' written '.'.
    private static string CategoryOf(Type type) => type.FullName!.Replace('+', '.');

    public ILogger CreateLogger(string categoryName) =>
        Categories.Contains(categoryName) ? new EventLogger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose() => _queue.Writer.TryComplete();

    private void Enqueue(LogEvent entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>The Auth0 type code of a security event, from its event id (see <see cref="SecurityLog"/>).</summary>
    public static string TypeOf(EventId id, LogLevel level, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var grant = Value(values, "GrantType");
        return id.Id switch
        {
            1001 => LogTypes.Login,
            1002 => LogTypes.FailedLogin,
            1003 => LogTypes.FailedLoginUnknownUser,
            1004 or 1006 or 1007 => LogTypes.BlockedAccount,
            1005 => LogTypes.Logout,
            1010 => grant switch
            {
                "client_credentials" => LogTypes.ClientCredentialsExchange,
                "refresh_token" => LogTypes.RefreshTokenExchange,
                _ => LogTypes.TokenExchange,
            },
            1011 => grant switch
            {
                "client_credentials" => LogTypes.FailedClientCredentialsExchange,
                "refresh_token" => LogTypes.FailedRefreshTokenExchange,
                _ => LogTypes.FailedTokenExchange,
            },
            1012 => LogTypes.RefreshReuse,
            1013 => LogTypes.TokenRevoked,
            1014 => LogTypes.DeviceAllowed,
            1015 => LogTypes.DeviceDenied,
            1020 => LogTypes.RateLimited,
            _ => level >= LogLevel.Warning ? LogTypes.OtherWarning : LogTypes.OtherInformation,
        };
    }

    private static string? Value(IReadOnlyList<KeyValuePair<string, object?>> values, string name) =>
        values.FirstOrDefault(v => v.Key == name).Value?.ToString();

    private static string? Cut(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;

    private sealed class EventLogger(SecurityEventCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            var clientId = Value(values, "ClientId");
            capture.Enqueue(new LogEvent
            {
                At = capture._clock.GetUtcNow().ToUnixTimeMilliseconds(),
                Type = TypeOf(eventId, logLevel, values),
                Description = Cut(formatter(state, exception), 1000) ?? "",
                ActorId = Cut(Value(values, "UserId"), 450),
                ClientId = Cut(clientId is "(none)" ? null : clientId, 100),
                Ip = Cut(Value(values, "RemoteIp") ?? Value(values, "ClientAddress"), 64),
            });
        }
    }
}
