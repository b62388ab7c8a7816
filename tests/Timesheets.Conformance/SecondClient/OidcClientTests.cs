using System.Net;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Browser;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.SecondClient;

/// <summary>
/// A second, independent client: Duende.IdentityModel.OidcClient (an OpenID-certified RFC 8252 library)
/// discovers the server, runs code + PKCE through the real login form, validates the ID token itself,
/// loads userinfo, refreshes, and logs out. Our own test client is not involved in any protocol step.
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait("rule", "independent client")]
public sealed class OidcClientTests(ConformanceFixture fixture)
{
    [Fact]
    public async Task OidcClient_CodePkceRefreshAndLogout_AllSucceed()
    {
        using var browser = new LoginFormBrowser(fixture.NewBrowser());
        var client = new OidcClient(new OidcClientOptions
        {
            Authority = Op.Issuer,
            ClientId = Op.Mobile,
            RedirectUri = Op.MobileRedirect,
            PostLogoutRedirectUri = Op.MobileLogoutRedirect,
            Scope = "openid profile email offline_access",
            Browser = browser,
            // The in-process server, reached through its own handler instead of a socket.
            BackchannelHandler = fixture.Host.Server.CreateHandler(),
            LoadProfile = true,
            IdentityTokenValidator = new JwksIdentityTokenValidator(),
            // Only because the test issuer is http://localhost/; everything else stays at the library's defaults.
            Policy = { Discovery = { RequireHttps = false } },
        });

        var login = await client.LoginAsync(new LoginRequest());

        Assert.False(login.IsError, $"{login.Error}: {login.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(login.AccessToken));
        Assert.False(string.IsNullOrEmpty(login.IdentityToken));
        Assert.False(string.IsNullOrEmpty(login.RefreshToken));
        Assert.Equal(Op.User, login.User.FindFirst("email")?.Value);
        Assert.Equal("RS256", login.TokenResponse.TryGet("id_token") is { } idToken ? new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(idToken).Alg : null);
        Assert.False(string.IsNullOrEmpty(login.User.FindFirst("name")?.Value));
        Assert.Contains("code_challenge=", browser.StartUrls[0], StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", browser.StartUrls[0], StringComparison.Ordinal);

        var refreshed = await client.RefreshTokenAsync(login.RefreshToken);

        Assert.False(refreshed.IsError, $"{refreshed.Error}: {refreshed.ErrorDescription}");
        Assert.NotEqual(login.AccessToken, refreshed.AccessToken);
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);
        var userinfo = await client.GetUserInfoAsync(refreshed.AccessToken);
        Assert.False(userinfo.IsError, userinfo.Error);
        Assert.Equal(login.User.FindFirst("sub")?.Value, userinfo.Claims.Single(c => c.Type == "sub").Value);

        var logout = await client.LogoutAsync(new LogoutRequest { IdTokenHint = login.IdentityToken });

        Assert.False(logout.IsError, logout.Error);
        Assert.StartsWith(Op.MobileLogoutRedirect, browser.LastResponse, StringComparison.Ordinal);

        // Last, because reuse detection revokes the whole grant (and with it the ID token used as hint):
        // the rotated-out refresh token is dead, as RFC 9700 §4.14.2 requires.
        var replay = await client.RefreshTokenAsync(login.RefreshToken);
        Assert.True(replay.IsError);
        Assert.Equal("invalid_grant", replay.Error);
    }

    /// <summary>
    /// OidcClient's IBrowser, played by an HTTP client with a cookie jar: it follows /authorize through
    /// the real login form (antiforgery token included) and hands back the redirect to the app.
    /// </summary>
    private sealed class LoginFormBrowser(OidcTestClient http) : IBrowser, IDisposable
    {
        public List<string> StartUrls { get; } = [];

        public string LastResponse { get; private set; } = "";

        public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
        {
            StartUrls.Add(options.StartUrl);
            Uri redirect;
            if (options.StartUrl.StartsWith(Op.Issuer + "authorize", StringComparison.Ordinal))
            {
                redirect = await http.AuthorizeAsync(options.StartUrl, Op.User, Op.Password);
            }
            else
            {
                var response = await http.Http.GetAsync(new Uri(options.StartUrl), cancellationToken);
                if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null)
                {
                    return new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = $"{(int)response.StatusCode}" };
                }

                redirect = response.Headers.Location;
            }

            LastResponse = redirect.OriginalString;
            return LastResponse.StartsWith(options.EndUrl, StringComparison.Ordinal)
                ? new BrowserResult { ResultType = BrowserResultType.Success, Response = LastResponse }
                : new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = $"Ended at {LastResponse}" };
        }

        public void Dispose() => http.Dispose();
    }
}
