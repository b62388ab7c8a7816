using Timesheets.Client;
using Timesheets.Client.Offline;
using Timesheets.Contracts;

namespace Timesheets.App.Ui.Offline;

/// <summary>
/// The app's side of the shared offline queue and local copy: entries logged without a network wait
/// here, and <see cref="ReplayAsync"/> sends them when it returns (the <c>online</c> event, app start,
/// a periodic retry). <see cref="Changed"/> tells the list to look again.
/// </summary>
public sealed class OfflineEntries(TimesheetsClient client, IOfflineStore store)
{
    private const string ProjectsName = "projects";
    private readonly OfflineQueue _queue = new(client, store);
    private readonly EntrySync _sync = new(client, store);

    public event Action? Changed;

    /// <summary>The entries waiting or refused; stored ones leave the queue, the list shows them from the server.</summary>
    public async Task<IReadOnlyList<QueuedEntry>> QueuedAsync(CancellationToken cancellationToken) =>
        [.. (await _queue.ListAsync(cancellationToken)).Where(q => q.State != QueueState.Stored)];

    /// <summary>The entries as last synced on this device, newest first.</summary>
    public Task<IReadOnlyList<EntryResponse>> LocalAsync(CancellationToken cancellationToken) => _sync.EntriesAsync(cancellationToken);

    /// <summary>Brings the local copy up to date from the changes feed.</summary>
    public Task<ApiResult<SyncSummary>> SyncAsync(CancellationToken cancellationToken) => _sync.SyncAsync(cancellationToken);

    public async Task QueueAsync(EntryRequest entry, CancellationToken cancellationToken)
    {
        await _queue.EnqueueAsync(entry, cancellationToken);
        Changed?.Invoke();
    }

    /// <summary>
    /// Sends what waits. Stored entries are dropped from the queue at once: the server has them (once,
    /// by their Idempotency-Key) and the list shows them as Pending. Refused ones stay, with the reason, until dismissed.
    /// </summary>
    public async Task<SyncReport?> ReplayAsync(CancellationToken cancellationToken)
    {
        if ((await _queue.ListAsync(cancellationToken)).All(q => q.State != QueueState.Waiting))
        {
            return null;
        }

        var report = await _queue.ReplayAsync(cancellationToken);
        foreach (var stored in report.Stored)
        {
            await _queue.DismissAsync(stored.Id, cancellationToken);
        }

        if (report.Stored.Count > 0 || report.Refused.Count > 0)
        {
            Changed?.Invoke();
        }

        return report;
    }

    public async Task DismissAsync(Guid id, CancellationToken cancellationToken)
    {
        await _queue.DismissAsync(id, cancellationToken);
        Changed?.Invoke();
    }

    /// <summary>The open projects as last loaded, so an entry can be logged offline.</summary>
    public async Task<IReadOnlyList<string>> ProjectsAsync(CancellationToken cancellationToken) =>
        (await store.ReadAsync(ProjectsName, cancellationToken))?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];

    public Task RememberProjectsAsync(IEnumerable<string> names, CancellationToken cancellationToken) =>
        store.WriteAsync(ProjectsName, string.Join('\n', names), cancellationToken);
}
