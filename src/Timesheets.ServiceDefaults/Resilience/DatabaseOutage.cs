using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Timesheets.ServiceDefaults.Resilience;

/// <summary>
/// Tells a database outage (down, restarting, unreachable, out of connections) from a bug, wherever
/// EF or Npgsql surfaced it: raw, inside a <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/>,
/// as EF's <see cref="RetryLimitExceededException"/> after the retries, or as the "transient failure"
/// <see cref="InvalidOperationException"/> of a strategy that does not retry.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client should wait before trying again: a restart or fail-over takes about this long.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The connection itself failed (no answer from the server): pooled connections are likely dead
    /// too, e.g. after a restart, so they are dropped rather than each failing one request later.
    /// </summary>
    public static bool BrokeConnections(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException and not PostgresException)
            {
                return true;
            }
        }

        return false;
    }
}
