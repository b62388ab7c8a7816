using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Timesheets.ServiceDefaults.Resilience;

/// <summary>
/// Npgsql's retrying strategy (<c>EnableRetryOnFailure</c>), narrowed to the failures a retry can
/// fix without applying anything twice:
/// <list type="bullet">
/// <item>a unit of work is retried as a whole, never a statement inside someone's open transaction
/// (that transaction is gone; only its owner may start it again, through <c>CreateExecutionStrategy</c>);</item>
/// <item>a commit, or a write outside a transaction, whose connection broke before the answer came
/// is not retried: it may have been applied (<see cref="UnknownOutcomes"/>);</item>
/// <item>a connection that cannot even be opened (refused, unreachable, connect timeout) is not
/// retried: the database is down, and the caller is better served by a quick 503 with
/// <c>Retry-After</c> than by a request that hangs through the back-off.</item>
/// </list>
/// What is left is what the retry is for: a pooled connection that a restart or fail-over broke,
/// a serialization failure or deadlock, a server that is shutting down or out of connections.
/// </summary>
public sealed class SafeRetryStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, errorCodesToAdd: null)
{
    /// <summary>
    /// Inside a transaction the code began itself, EF's statements run once instead of being refused
    /// (the stock strategy throws there): <see cref="ShouldRetryOn"/> never retries them. A unit of
    /// work that wants retries runs in <c>CreateExecutionStrategy().ExecuteAsync</c> and begins its
    /// transaction inside.
    /// </summary>
    protected override void OnFirstExecution()
    {
        if (Dependencies.CurrentContext.Context.Database.CurrentTransaction is null)
        {
            base.OnFirstExecution();
            return;
        }

        ExceptionsEncountered.Clear();
    }

    protected override bool ShouldRetryOn(Exception? exception)
    {
        var context = Dependencies.CurrentContext.Context;
        // Taken first, so a mark never outlives the failure that set it.
        if (UnknownOutcomes.Take(context) || context.Database.CurrentTransaction is not null || CouldNotConnect(exception))
        {
            return false;
        }

        return base.ShouldRetryOn(exception);
    }

    /// <summary>Npgsql reports a failed connect as its own exception around the socket error or the connect timeout.</summary>
    internal static bool CouldNotConnect(Exception? exception) =>
        exception is NpgsqlException { InnerException: SocketException or TimeoutException } and not PostgresException;
}
