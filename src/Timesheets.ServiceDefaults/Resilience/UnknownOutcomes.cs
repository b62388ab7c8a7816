using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Timesheets.ServiceDefaults.Resilience;

/// <summary>
/// Marks a context whose last failure left a write in doubt: the connection broke (no answer from
/// the server) while a COMMIT, or a data-changing statement outside a transaction, was on its way.
/// The server may have applied it, so <see cref="SafeRetryStrategy"/> must not run it again; the
/// client gets a 503 and retries with its <c>Idempotency-Key</c>, which the API deduplicates.
/// An error the server answered with (a <see cref="PostgresException"/>) is never in doubt: the
/// statement or transaction failed as a whole.
/// </summary>
public sealed class UnknownOutcomes : IDbTransactionInterceptor, IDbCommandInterceptor
{
    public static readonly UnknownOutcomes Instance = new();

    private static readonly ConditionalWeakTable<DbContext, object> _marked = [];

    private UnknownOutcomes()
    {
    }

    /// <summary>Whether the context was marked since the last call; clears the mark.</summary>
    public static bool Take(DbContext context) => _marked.Remove(context);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => MarkCommit(eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        MarkCommit(eventData);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => MarkWrite(command, eventData);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        MarkWrite(command, eventData);
        return Task.CompletedTask;
    }

    private static void MarkCommit(TransactionErrorEventData eventData)
    {
        if (eventData.Action == "Commit" && eventData.Context is { } context && NoAnswer(eventData.Exception))
        {
            _marked.AddOrUpdate(context, context);
        }
    }

    private static void MarkWrite(DbCommand command, CommandErrorEventData eventData)
    {
        // Inside a transaction a broken connection rolls the whole transaction back: nothing is in doubt until its COMMIT.
        if (command.Transaction is null && eventData.Context is { } context && NoAnswer(eventData.Exception) && !IsRead(command.CommandText))
        {
            _marked.AddOrUpdate(context, context);
        }
    }

    private static bool NoAnswer(Exception exception) => exception is NpgsqlException and not PostgresException;

    private static bool IsRead(string sql) => sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
}
