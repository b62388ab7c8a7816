using System.Text.Json;
using Microsoft.JSInterop;
using Timesheets.Client.Auth;

namespace Timesheets.App.Auth;

/// <summary>
/// The session's tokens in <c>localStorage</c>, so the app opens signed in (and offline) next time.
/// </summary>
/// <remarks>
/// Any script of this origin can read <c>localStorage</c>; the defences are the ones the IETF browser-app
/// BCP names for this choice: a strict Content-Security-Policy (no inline or third-party script, see
/// Timesheets.App.Host), refresh tokens rotated on every use with reuse detection and a 30-day absolute
/// lifetime (Identity), and logout revoking the refresh token and wiping the store.
/// </remarks>
internal sealed class BrowserTokenStore(IJSRuntime js) : ITokenStore
{
    private const string Key = "timesheets.tokens";
    private TokenSet? _tokens;
    private bool _loaded;

    public async Task<TokenSet?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            var json = await js.GetAsync(BrowserStorage.Local, Key, cancellationToken);
            _tokens = json is null ? null : JsonSerializer.Deserialize(json, AppJson.Default.TokenSet);
            _loaded = true;
        }

        return _tokens;
    }

    public async Task SaveAsync(TokenSet tokens, CancellationToken cancellationToken)
    {
        _tokens = tokens;
        _loaded = true;
        await js.SetAsync(BrowserStorage.Local, Key, JsonSerializer.Serialize(tokens, AppJson.Default.TokenSet), cancellationToken);
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        _tokens = null;
        _loaded = true;
        await js.RemoveAsync(BrowserStorage.Local, Key, cancellationToken);
    }
}
