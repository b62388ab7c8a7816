using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Timesheets.Api.Data;

internal static class WriteTransactions
{
    /// <summary>
    /// A transaction for a handler that commits or rolls back as a whole. EF would otherwise wrap
    /// each SaveChanges in a SAVEPOINT and RELEASE (two more round trips each) so that a failed
    /// save could be retried inside it; these handlers never do that, they roll back.
    /// </summary>
    public static Task<IDbContextTransaction> BeginWriteTransactionAsync(this ApiDataContext db, CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a unit of work that begins and commits its own write transaction through the retrying
    /// execution strategy, so a transient failure (a pooled connection a restart broke, a deadlock)
    /// runs the whole unit again instead of failing the request. A retry starts from a clean change
    /// tracker; a commit whose outcome is unknown is never retried (<c>SafeRetryStrategy</c>).
    /// </summary>
    public static Task<T> RetryingAsync<T>(this ApiDataContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempt = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                db.ChangeTracker.Clear();
            }

            return await work(ct);
        }, cancellationToken);
    }
}
