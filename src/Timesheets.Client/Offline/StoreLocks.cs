using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Timesheets.Client.Offline;

/// <summary>
/// One lock per document of a store, shared by every queue or sync object of this process that
/// uses it: two <see cref="OfflineQueue"/>s over the same folder (a CLI command and a background
/// sync) still replay one at a time.
/// </summary>
internal static class StoreLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByFolder = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<IOfflineStore, ConcurrentDictionary<string, SemaphoreSlim>> ByStore = new();

    public static SemaphoreSlim For(IOfflineStore store, string name) => store is FileOfflineStore file
        ? ByFolder.GetOrAdd(file.Directory + Path.DirectorySeparatorChar + name, _ => new SemaphoreSlim(1, 1))
        : ByStore.GetValue(store, _ => new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal)).GetOrAdd(name, _ => new SemaphoreSlim(1, 1));

    /// <summary>Runs <paramref name="action"/> holding the lock.</summary>
    public static async Task<T> WithAsync<T>(this SemaphoreSlim gate, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }
}
