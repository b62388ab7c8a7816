using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Timesheets.Cli.Shared;
using Timesheets.Client.Auth;

namespace Timesheets.Cli.Login;

/// <summary>
/// Authorization code + PKCE through the system browser and a loopback redirect (RFC 8252), by
/// Duende.IdentityModel.OidcClient: state, nonce, PKCE and the code exchange are the library's.
/// </summary>
internal static class BrowserLogin
{
    public static async Task<LoginOutcome> RunAsync(Connection connection, string audience, CancellationToken cancellationToken)
    {
        using var browser = new LoopbackBrowser(connection.Context);
        var client = new OidcClient(new OidcClientOptions
        {
            Authority = connection.Endpoints.Issuer.ToString(),
            ClientId = Connection.ClientId,
            RedirectUri = browser.RedirectUri,
            Scope = LoginOutcome.Scopes,
            Browser = browser,
            HttpClientFactory = _ => connection.Context.IdentityHttp(),
            // The claims are read from the ID token, which came straight from the token endpoint (OIDC Core §3.1.3.7).
            LoadProfile = false,
        });
        var result = await client.LoginAsync(new LoginRequest
        {
            // The API is named at /authorize, as the Identity server expects of every app (PRODUCT.md §2): the
            // Timesheets API for `login`, the Management API for `admin login`.
            FrontChannelExtraParameters = new Parameters { { "audience", audience } },
        }, cancellationToken);
        if (result.IsError)
        {
            return LoginOutcome.Failed(result.ErrorDescription ?? result.Error);
        }

        return new LoginOutcome(new TokenSet
        {
            AccessToken = result.AccessToken,
            RefreshToken = result.RefreshToken,
            IdToken = result.IdentityToken,
            ExpiresAt = result.AccessTokenExpiration,
            Scope = result.TokenResponse.Scope ?? "",
        }, null);
    }
}
