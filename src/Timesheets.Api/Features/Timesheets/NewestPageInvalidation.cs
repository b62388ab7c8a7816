using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Timesheets.Api.Features.Projects;
using Timesheets.Api.Features.Sync;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>
/// Tells <see cref="NewestPageCache"/> about this instance's writes, once they have committed. Every
/// change of an entry adds a row to the changes feed (<see cref="ChangeLog"/>), so a saved
/// <see cref="EntryChange"/> names the owner whose page changed; a renamed or archived project may
/// change every page. What a save found is held per context until its transaction commits (or at
/// once, when the save was its own transaction), and dropped on rollback.
/// Writes that bypass the change tracker say so themselves: an upload (<c>ChangedAll</c> after
/// its commit) and the hand-over of uploaded entries to their user (<see cref="Users.UserDirectory"/>).
/// </summary>
internal sealed class NewestPageInvalidation(NewestPageCache pages) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Owners whose pages the context's uncommitted saves changed; a null owner means every page.</summary>
    private readonly ConditionalWeakTable<DbContext, HashSet<string?>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FlushIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        FlushIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => DropIfOwnTransaction(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DropIfOwnTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry is { Entity: EntryChange { OwnerSub: { } owner }, State: EntityState.Added })
            {
                _pending.GetValue(context, _ => []).Add(owner);
            }
            else if (entry is { Entity: Project, State: EntityState.Modified or EntityState.Deleted })
            {
                _pending.GetValue(context, _ => []).Add(null);
            }
        }
    }

    private void FlushIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var owners))
        {
            return;
        }

        _pending.Remove(context);
        foreach (var owner in owners)
        {
            if (owner is null)
            {
                pages.ChangedAll();
            }
            else
            {
                pages.Changed(owner);
            }
        }
    }

    private void DropIfOwnTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Drop(context);
        }
    }

    private void Drop(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
