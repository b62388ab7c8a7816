using System.Text.Json;
using Timesheets.Client.Json;
using Timesheets.Contracts;

namespace Timesheets.Client.Offline;

/// <summary>What one sync brought: entries added or changed, entries removed, pages read.</summary>
public sealed record SyncSummary(int Changed, int Deleted, int Pages)
{
    /// <summary>True when the server had nothing new.</summary>
    public bool NothingNew => Changed == 0 && Deleted == 0;
}

/// <summary>The local copy as stored: the entries and the cursor of the changes feed they reflect.</summary>
public sealed record LocalEntries
{
    public string? Cursor { get; init; }

    public List<EntryResponse> Entries { get; init; } = [];
}

/// <summary>
/// A local copy of the caller's entries, kept current through <c>GET /timesheets/changes</c>: the
/// first sync reads everything, later ones only what changed since (deletions included), so the
/// app opens and lists offline. The copy is one user's: give each user a store of their own.
/// </summary>
public sealed class EntrySync(TimesheetsClient client, IOfflineStore store)
{
    /// <summary>The store's document holding the copy.</summary>
    public const string StoreName = "entries";

    public const int PageSize = 500;

    private readonly SemaphoreSlim _document = StoreLocks.For(store, StoreName);

    /// <summary>
    /// Brings the copy up to date, page by page while the server has more; each page is applied and
    /// written with its cursor, so an interrupted sync resumes where it stopped. A cursor the server
    /// no longer knows (its database was replaced) starts the copy over.
    /// </summary>
    public Task<ApiResult<SyncSummary>> SyncAsync(CancellationToken cancellationToken) =>
        _document.WithAsync(async () =>
        {
            var local = await LoadAsync(cancellationToken);
            var result = await FollowAsync(local, cancellationToken);
            if (local.Cursor is not null && result.Problem is { Kind: ProblemKind.Invalid } problem && problem.Errors.ContainsKey("since"))
            {
                result = await FollowAsync(new LocalEntries(), cancellationToken);
            }

            return result;
        }, cancellationToken);

    /// <summary>The local copy, newest day first (as <c>GET /timesheets</c> lists them).</summary>
    public async Task<IReadOnlyList<EntryResponse>> EntriesAsync(CancellationToken cancellationToken)
    {
        var local = await _document.WithAsync(() => LoadAsync(cancellationToken), cancellationToken);
        return local.Entries.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).ToList();
    }

    private async Task<ApiResult<SyncSummary>> FollowAsync(LocalEntries local, CancellationToken cancellationToken)
    {
        var entries = local.Entries.ToDictionary(e => e.Id);
        var cursor = local.Cursor;
        int changed = 0, deleted = 0, pages = 0;
        while (true)
        {
            var page = await client.GetChangesAsync(cursor, PageSize, cancellationToken);
            if (page.Value is not { } changes)
            {
                return ApiResult<SyncSummary>.Failure(page.Problem!);
            }

            pages++;
            foreach (var change in changes.Changes)
            {
                if (change is { Deleted: false, Entry: { } entry })
                {
                    entries[change.Id] = entry;
                    changed++;
                }
                else if (entries.Remove(change.Id))
                {
                    deleted++;
                }
            }

            var moved = changes.Cursor != cursor;
            cursor = changes.Cursor;
            await SaveAsync(new LocalEntries { Cursor = cursor, Entries = [.. entries.Values] }, cancellationToken);
            // A page that neither moved the cursor nor brought anything is the server waiting on a
            // transaction still running: the next sync picks it up rather than spinning here.
            if (!changes.HasMore || (!moved && changes.Changes.Count == 0))
            {
                return ApiResult<SyncSummary>.Success(new SyncSummary(changed, deleted, pages));
            }
        }
    }

    private Task SaveAsync(LocalEntries local, CancellationToken cancellationToken) =>
        store.WriteAsync(StoreName, JsonSerializer.Serialize(local, ClientJson.Default.LocalEntries), cancellationToken);

    private async Task<LocalEntries> LoadAsync(CancellationToken cancellationToken)
    {
        var json = await store.ReadAsync(StoreName, cancellationToken);
        return string.IsNullOrWhiteSpace(json) ? new LocalEntries() : JsonSerializer.Deserialize(json, ClientJson.Default.LocalEntries) ?? new LocalEntries();
    }
}
