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
}
