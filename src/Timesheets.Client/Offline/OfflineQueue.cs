using System.Text.Json;
using Timesheets.Client.Json;
using Timesheets.Contracts;

namespace Timesheets.Client.Offline;

/// <summary>
/// Entries logged and edits made without a connection, kept in the store until the server has
/// them. Each new entry gets its own <c>Idempotency-Key</c> when queued and keeps it for every
/// attempt, so however often a replay is interrupted the server stores it once.
/// </summary>
public sealed partial class OfflineQueue(TimesheetsClient client, IOfflineStore store, TimeProvider? clock = null)
{
    /// <summary>The store's document holding the queue.</summary>
    public const string StoreName = "offline-queue";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // Short holds: a read-change-write of the document. Long holds: one replay at a time.
    private readonly SemaphoreSlim _document = StoreLocks.For(store, StoreName);
    private readonly SemaphoreSlim _replay = StoreLocks.For(store, StoreName + "-replay");

    /// <summary>Queues a new entry; it is in the store when this returns.</summary>
    public Task<QueuedEntry> EnqueueAsync(EntryRequest entry, CancellationToken cancellationToken) =>
        AddAsync(entry, entryId: null, etag: null, cancellationToken);

    /// <summary>
    /// Queues an edit of entry <paramref name="id"/>. With <paramref name="etag"/> (the version the
    /// user changed) it is refused if the entry changed meanwhile, e.g. a manager approved it.
    /// </summary>
    public Task<QueuedEntry> EnqueueEditAsync(long id, EntryRequest entry, string? etag, CancellationToken cancellationToken) =>
        AddAsync(entry, id, etag, cancellationToken);

    /// <summary>Every queued entry, oldest first, whatever its state.</summary>
    public async Task<IReadOnlyList<QueuedEntry>> ListAsync(CancellationToken cancellationToken) =>
        await _document.WithAsync(() => LoadAsync(cancellationToken), cancellationToken);

    /// <summary>Forgets a <see cref="QueueState.Stored"/> or <see cref="QueueState.Refused"/> entry once the user has seen it.</summary>
    /// <exception cref="InvalidOperationException">The entry is still waiting (use <see cref="CancelAsync"/>).</exception>
    public Task DismissAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(queue =>
        {
            if (queue.Find(q => q.Id == id) is { State: QueueState.Waiting })
            {
                throw new InvalidOperationException("The entry is still waiting to be sent; cancel it instead.");
            }

            return queue.RemoveAll(q => q.Id == id) > 0;
        }, cancellationToken);

    /// <summary>
    /// Withdraws a waiting entry before it is sent. Waits for a running replay, which may have sent
    /// it meanwhile: false then (it is no longer waiting) or when there is no such entry.
    /// </summary>
    public Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken) =>
        _replay.WithAsync(() => ChangeAsync(queue => queue.RemoveAll(q => q.Id == id && q.State == QueueState.Waiting) > 0, cancellationToken),
            cancellationToken);

    private async Task<QueuedEntry> AddAsync(EntryRequest entry, long? entryId, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var queued = new QueuedEntry
        {
            Id = Guid.CreateVersion7(),
            Entry = entry,
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            QueuedAt = _clock.GetUtcNow(),
            State = QueueState.Waiting,
            EntryId = entryId,
            ETag = etag,
        };
        await ChangeAsync(queue =>
        {
            queue.Add(queued);
            return true;
        }, cancellationToken);
        return queued;
    }

    /// <summary>Reads the queue, applies <paramref name="change"/> and writes it back (when it says it changed), under the document lock.</summary>
    private Task<T> ChangeAsync<T>(Func<List<QueuedEntry>, T> change, CancellationToken cancellationToken) =>
        _document.WithAsync(async () =>
        {
            var queue = await LoadAsync(cancellationToken);
            var result = change(queue);
            if (result is not false)
            {
                await store.WriteAsync(StoreName, JsonSerializer.Serialize(queue, ClientJson.Default.ListQueuedEntry), cancellationToken);
            }

            return result;
        }, cancellationToken);

    private async Task<List<QueuedEntry>> LoadAsync(CancellationToken cancellationToken)
    {
        var json = await store.ReadAsync(StoreName, cancellationToken);
        return string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize(json, ClientJson.Default.ListQueuedEntry) ?? [];
    }
}
