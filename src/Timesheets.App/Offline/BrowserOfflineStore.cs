using Microsoft.JSInterop;
using Timesheets.App.Auth;
using Timesheets.Client.Offline;

namespace Timesheets.App.Offline;

/// <summary>
/// The offline queue and the local copy of the entries in <c>localStorage</c>: one key per document,
/// each written whole by one <c>setItem</c>. Logout clears <c>localStorage</c>, and them with it.
/// </summary>
internal sealed class BrowserOfflineStore(IJSRuntime js) : IOfflineStore
{
    private const string Prefix = "timesheets.offline.";

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken) =>
        await js.GetAsync(BrowserStorage.Local, Prefix + name, cancellationToken);

    public async Task WriteAsync(string name, string content, CancellationToken cancellationToken) =>
        await js.SetAsync(BrowserStorage.Local, Prefix + name, content, cancellationToken);
}
