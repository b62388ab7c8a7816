using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.BasicOp;

/// <summary>oidcc-refresh-token (OIDC Core §12) and the client authentication modules.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class RefreshTokenTests(ConformanceFixture fixture)
{
    [Fact]
    [Trait("module", "oidcc-refresh-token")]
    public async Task RefreshToken_Redeemed_NewTokensAndIdTokenAsOidcCore12Says()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid profile email offline_access");
        Assert.False(string.IsNullOrEmpty(flow.Tokens.RefreshToken));
        await Task.Delay(1100); // so the new iat differs from the first

        var refreshed = await OidcTestClient.ExpectTokensAsync(await browser.RefreshAsync(flow.Tokens.RefreshToken!));

        Assert.NotEqual(flow.Tokens.AccessToken, refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await Op.UserinfoGetAsync(browser.Http, refreshed.AccessToken)).StatusCode);
        if (refreshed.IdToken is not null)
        {
            // OIDC Core §12.2: same iss, sub, aud (and auth_time); a new iat; no nonce, or the original one.
            var nonce = new JsonWebToken(refreshed.IdToken).TryGetPayloadValue<string>("nonce", out var n) ? n : null;
            if (nonce is not null)
            {
                Assert.Equal(flow.IdToken.GetClaim("nonce").Value, nonce);
            }

            var idToken = await Op.ValidateIdTokenAsync(browser.Http, refreshed.IdToken, nonce, refreshed.AccessToken);
            Assert.Equal(flow.IdToken.Subject, idToken.Subject);
            Assert.True(idToken.IssuedAt > flow.IdToken.IssuedAt, "The refreshed ID token's iat is not new.");
            Assert.Equal(Claim(flow.IdToken, "auth_time"), Claim(idToken, "auth_time"));
        }
    }

    [Fact]
    [Trait("module", "oidcc-refresh-token")]
    public async Task RefreshToken_PresentedByAnotherClient_IsInvalidGrant()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid offline_access");

        var stolen = await browser.RefreshAsync(flow.Tokens.RefreshToken!, clientId: Op.Cli);

        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(stolen)).Error);
    }

    [Fact]
    [Trait("module", "oidcc-server-client-secret-post")]
    public async Task ClientSecretPost_ConfidentialClient_AuthenticatesAndWrongSecretIsInvalidClient()
    {
        // Our only confidential client is the machine client (client credentials); the public apps have no
        // secret, so the module's client authentication is checked on it.
        using var browser = fixture.NewBrowser();
        var methods = (await Jwks.DiscoveryAsync(browser.Http)).GetProperty("token_endpoint_auth_methods_supported")
            .EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("client_secret_post", methods);

        var tokens = await OidcTestClient.ExpectTokensAsync(await browser.ClientCredentialsAsync());
        await Jwks.ValidateAsync(browser.Http, tokens.AccessToken, IdentityHost.ApiAudience);

        var wrong = await OidcTestClient.ExpectErrorAsync(await browser.ClientCredentialsAsync(secret: "wrong-secret"));
        Assert.Equal("invalid_client", wrong.Error);
        Assert.True(wrong.Status is 400 or 401);
    }

    [Fact]
    [Trait("module", "oidcc-server")]
    public async Task ClientSecretBasic_ConfidentialClient_AuthenticatesAndWrongSecretIs401()
    {
        // The suite's default variant authenticates with client_secret_basic (RFC 6749 §2.3.1).
        using var browser = fixture.NewBrowser();

        var ok = await PostBasicAsync(browser.Http, IdentityHost.ImportSecret);
        var wrong = await PostBasicAsync(browser.Http, "wrong-secret");

        await OidcTestClient.ExpectTokensAsync(ok);
        var error = await OidcTestClient.ExpectErrorAsync(wrong);
        Assert.Equal("invalid_client", error.Error);
        Assert.Equal(401, error.Status);
    }

    private static Task<HttpResponseMessage> PostBasicAsync(HttpClient http, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["audience"] = IdentityHost.ApiAudience,
            }),
        };
        var credentials = $"{Uri.EscapeDataString(OidcTestClient.ImportClient)}:{Uri.EscapeDataString(secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return http.SendAsync(request);
    }

    private static string? Claim(JsonWebToken token, string name) =>
        token.TryGetClaim(name, out var claim) ? claim.Value : null;
}
