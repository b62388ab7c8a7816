using Microsoft.JSInterop;

namespace Timesheets.App.Auth;

/// <summary>The browser's <c>localStorage</c> (kept across visits) and <c>sessionStorage</c> (this tab only).</summary>
internal static class BrowserStorage
{
    public static ValueTask<string?> GetAsync(this IJSRuntime js, string area, string key, CancellationToken cancellationToken) =>
        js.InvokeAsync<string?>($"{area}.getItem", cancellationToken, key);

    public static ValueTask SetAsync(this IJSRuntime js, string area, string key, string value, CancellationToken cancellationToken) =>
        js.InvokeVoidAsync($"{area}.setItem", cancellationToken, key, value);

    public static ValueTask RemoveAsync(this IJSRuntime js, string area, string key, CancellationToken cancellationToken) =>
        js.InvokeVoidAsync($"{area}.removeItem", cancellationToken, key);

    public const string Local = "localStorage";
    public const string Session = "sessionStorage";
}
