using System.Collections.Concurrent;

namespace Timesheets.Client.Offline;

/// <summary>
/// Where the offline queue and the local copy of the entries are kept between runs: files for the
/// CLI, browser storage for the app, memory in tests. Each name holds one JSON document.
/// </summary>
public interface IOfflineStore
{
    /// <summary>The document stored under <paramref name="name"/>, or null when there is none.</summary>
    Task<string?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces the document under <paramref name="name"/> as a whole (never half written).</summary>
    Task WriteAsync(string name, string content, CancellationToken cancellationToken);
}

/// <summary>Documents kept in memory only, for one process (tests, or an app that persists elsewhere).</summary>
public sealed class MemoryOfflineStore : IOfflineStore
{
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);

    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue(name, out var content) ? content : null);

    public Task WriteAsync(string name, string content, CancellationToken cancellationToken)
    {
        _documents[name] = content;
        return Task.CompletedTask;
    }
}
