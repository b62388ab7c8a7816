using Timesheets.Contracts;

namespace Timesheets.Client.Offline;

public sealed partial class OfflineQueue
{
    /// <summary>
    /// Sends every waiting entry, oldest first, each with its own key. A stored one becomes
    /// <see cref="QueueState.Stored"/>, one the server refuses (archived project, day over 24 h,
    /// approved meanwhile, …) <see cref="QueueState.Refused"/> with the server's problem. When the
    /// server cannot be reached, is failing or rate limits, or a login is needed, the replay stops
    /// there and the rest keep waiting for the next one. Each answer is written at once. One replay
    /// runs at a time per store: in this process, and across processes for a <see cref="FileOfflineStore"/>.
    /// </summary>
    public Task<SyncReport> ReplayAsync(CancellationToken cancellationToken) =>
        _replay.WithAsync(async () =>
        {
            // Within the process the semaphore orders replays; across processes sharing a folder, a lock file.
            using var otherProcesses = store is FileOfflineStore file ? await file.LockAsync(StoreName + "-replay", cancellationToken) : null;
            var stored = new List<QueuedEntry>();
            var refused = new List<QueuedEntry>();
            ApiProblem? stoppedBy = null;
            foreach (var waiting in (await ListAsync(cancellationToken)).Where(q => q.State == QueueState.Waiting))
            {
                var settled = await SendAsync(waiting, cancellationToken);
                if (settled.State == QueueState.Waiting)
                {
                    stoppedBy = settled.Refusal;
                    break;
                }

                // If the process dies before this write, the entry is still Waiting and the next replay
                // re-sends it: the same key answers the entry already stored, not a second one.
                await ChangeAsync(queue =>
                {
                    var index = queue.FindIndex(q => q.Id == settled.Id);
                    if (index >= 0)
                    {
                        queue[index] = settled;
                    }

                    return index >= 0;
                }, cancellationToken);
                (settled.State == QueueState.Stored ? stored : refused).Add(settled);
            }

            var stillWaiting = (await ListAsync(cancellationToken)).Where(q => q.State == QueueState.Waiting).ToList();
            return new SyncReport(stored, refused, stillWaiting) { StoppedBy = stoppedBy };
        }, cancellationToken);

    /// <summary>The entry after one attempt: stored, refused, or still waiting (with the transient problem in <c>Refusal</c>, not written).</summary>
    private async Task<QueuedEntry> SendAsync(QueuedEntry queued, CancellationToken cancellationToken)
    {
        var result = queued.EntryId is { } id
            ? await SendEditAsync(id, queued, cancellationToken)
            : await client.CreateEntryAsync(queued.Entry, queued.IdempotencyKey, cancellationToken);
        return result switch
        {
            { Value: { } entry } => queued with { State = QueueState.Stored, Stored = entry, Refusal = null, Current = null },
            { Problem: { } problem } when problem.IsTransient || problem.Kind == ProblemKind.LoginRequired => queued with { Refusal = problem },
            _ => queued with { State = QueueState.Refused, Refusal = result.Problem, Current = await CurrentAsync(queued, result.Problem, cancellationToken) },
        };
    }

    private async Task<ApiResult<EntryResponse>> SendEditAsync(long id, QueuedEntry queued, CancellationToken cancellationToken)
    {
        var result = await client.UpdateEntryAsync(id, queued.Entry, queued.ETag, cancellationToken);
        if (result.Problem is not { Status: 412 })
        {
            return result;
        }

        // A PUT has no idempotency key: after a crash between sending an edit and writing its answer,
        // the re-send meets the version that edit made. If the entry already says what the edit says, it is stored.
        var current = await client.GetEntryAsync(id, cancellationToken);
        return current.Value is { } entry && Says(entry, queued.Entry) ? current : result;
    }

    /// <summary>For a refused edit, the entry as it is now (approved by whom, changed how), so the user sees why.</summary>
    private async Task<EntryResponse?> CurrentAsync(QueuedEntry queued, ApiProblem? refusal, CancellationToken cancellationToken) =>
        queued.EntryId is { } id && refusal is { Kind: ProblemKind.Conflict }
            ? (await client.GetEntryAsync(id, cancellationToken)).Value
            : null;

    private static bool Says(EntryResponse entry, EntryRequest request) =>
        entry.Date == request.Date && entry.Hours == request.Hours && entry.Notes == request.Notes
        && string.Equals(entry.Project, request.Project?.Trim(), StringComparison.OrdinalIgnoreCase);
}
