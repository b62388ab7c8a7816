using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Timesheets.App.Ui.Session;
using Timesheets.Client.Auth;
using Timesheets.Contracts;

namespace Timesheets.App.Auth;

/// <summary>
/// Login as the public client <c>timesheets-mobile</c>: authorization code + PKCE (S256) by a full-page
/// redirect to Identity and back to <c>/callback</c>, the code exchanged at the token endpoint (CORS) for
/// tokens kept in <see cref="BrowserTokenStore"/>; renewal is the shared client's <see cref="TokenSession"/>.
/// </summary>
/// <remarks>
/// Chosen over Microsoft.AspNetCore.Components.WebAssembly.Authentication because the app needs what
/// that library hides: the token response's granted <c>scope</c> (Approve is shown from it, not from a
/// role), renewal by rotated refresh tokens through the same single-flight <see cref="TokenSession"/>
/// the CLI uses instead of hidden-iframe <c>prompt=none</c> (which third-party cookie blocking breaks),
/// and a logout that revokes the refresh token. The protocol work stays in Duende.IdentityModel
/// (authorize URL, response parsing, code exchange, revocation); only the redirect glue is here.
/// Tokens never travel in a URL: the code does (once, PKCE-bound), and the logout's ID token hint is POSTed.
/// </remarks>
internal sealed partial class BrowserLoginFlow(AppSettings settings, IdentityClient identity, TokenSession session, IJSRuntime js,
    NavigationManager navigation, ILogger<BrowserLoginFlow> logger) : ILoginFlow
{
    private const string PendingKey = "timesheets.login";
    private readonly HttpClient _http = new();

    public async Task LogInAsync(string returnPath, CancellationToken cancellationToken)
    {
        var discovery = await DiscoverAsync(cancellationToken);
        var pending = new PendingLogin(CryptoRandom.CreateUniqueId(32), CryptoRandom.CreateUniqueId(32), CryptoRandom.CreateUniqueId(32),
            returnPath.StartsWith('/') && !returnPath.StartsWith("//", StringComparison.Ordinal) ? returnPath : "/", discovery.TokenEndpoint);
        await js.SetAsync(BrowserStorage.Session, PendingKey, JsonSerializer.Serialize(pending, AppJson.Default.PendingLogin), cancellationToken);
        var url = new RequestUrl(discovery.AuthorizeEndpoint ?? throw new HttpRequestException("Identity advertises no authorization endpoint.")).CreateAuthorizeUrl(
            clientId: AppSettings.ClientId, responseType: OidcConstants.ResponseTypes.Code, scope: AppSettings.Scope,
            redirectUri: settings.Callback.ToString(), state: pending.State, nonce: pending.Nonce,
            codeChallenge: Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(pending.CodeVerifier))),
            codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256,
            extra: new Parameters { { "audience", ApiScopes.Audience } });
        navigation.NavigateTo(url, forceLoad: true);
    }

    public async Task<LoginOutcome> CompleteAsync(Uri callback, CancellationToken cancellationToken)
    {
        var json = await js.GetAsync(BrowserStorage.Session, PendingKey, cancellationToken);
        await js.RemoveAsync(BrowserStorage.Session, PendingKey, cancellationToken); // a code is answered once
        var pending = json is null ? null : JsonSerializer.Deserialize(json, AppJson.Default.PendingLogin);
        var answer = new AuthorizeResponse(callback.ToString());
        if (answer.IsError)
        {
            return LoginOutcome.Failed(answer.ErrorDescription ?? answer.Error ?? "The login was refused.");
        }

        // The state ties the answer to a login this tab started (CSRF); the PKCE verifier, to this very login.
        if (pending is null || answer.State != pending.State || answer.Code is null)
        {
            return LoginOutcome.Failed("This login answer does not belong to a login started here. Log in again.");
        }

        var tokenEndpoint = pending.TokenEndpoint ?? (await DiscoverAsync(cancellationToken)).TokenEndpoint;
        var response = await _http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = tokenEndpoint, ClientId = AppSettings.ClientId, Code = answer.Code,
            RedirectUri = settings.Callback.ToString(), CodeVerifier = pending.CodeVerifier,
        }, cancellationToken);
        if (response.IsError || response.AccessToken is null)
        {
            return LoginOutcome.Failed(response.ErrorDescription ?? response.Error ?? "Identity refused the login.");
        }

        if (SignedInUser.Nonce(response.IdentityToken) != pending.Nonce)
        {
            return LoginOutcome.Failed("The ID token does not belong to this login. Log in again.");
        }

        await session.Store.SaveAsync(new TokenSet
        {
            AccessToken = response.AccessToken, RefreshToken = response.RefreshToken, IdToken = response.IdentityToken,
            ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn), Scope = response.Scope ?? "",
        }, cancellationToken);
        return LoginOutcome.Done(pending.ReturnPath);
    }

    public async Task LogOutAsync(CancellationToken cancellationToken)
    {
        var tokens = await session.CurrentAsync(cancellationToken);
        if (tokens?.RefreshToken is { } refreshToken && await identity.RevokeAsync(refreshToken, cancellationToken) is { } error)
        {
            LogRevocationFailed(logger, error); // the data goes all the same; the token dies at its lifetime
        }

        await session.EndAsync(cancellationToken);
        await js.InvokeVoidAsync("localStorage.clear", cancellationToken);
        await js.InvokeVoidAsync("sessionStorage.clear", cancellationToken);

        // RP-initiated logout ends the Identity session too; POSTed, so the ID token hint stays out of URLs and logs.
        var discovery = await identity.DiscoverAsync(cancellationToken);
        if (discovery.IsError || discovery.EndSessionEndpoint is null)
        {
            navigation.NavigateTo("", forceLoad: true);
            return;
        }

        await js.InvokeVoidAsync("timesheets.postForm", cancellationToken, discovery.EndSessionEndpoint, new Dictionary<string, string?>
        {
            ["client_id"] = AppSettings.ClientId,
            ["id_token_hint"] = tokens?.IdToken,
            ["post_logout_redirect_uri"] = settings.AppBase.ToString(),
        });
    }

    private async Task<DiscoveryDocumentResponse> DiscoverAsync(CancellationToken cancellationToken)
    {
        var discovery = await identity.DiscoverAsync(cancellationToken);
        return discovery.IsError ? throw new HttpRequestException(discovery.Error) : discovery;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The refresh token could not be revoked at logout: {Error}")]
    private static partial void LogRevocationFailed(ILogger logger, string error);
}
