using System.Net;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.Bcp;

/// <summary>
/// RFC 9700 §4.1.3 / §2.1: redirect URIs match exactly, by simple string comparison; the only
/// exception is the port of a loopback redirect for native apps (RFC 8252 §7.3). A refused URI gets
/// an error page and never a redirect, so the server is never an open redirector.
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait("rule", "RFC 9700 4.1.3, RFC 8252 7.3")]
public sealed class RedirectMatchingTests(ConformanceFixture fixture)
{
    [Theory]
    [InlineData("com.exampleco.timesheets:/callback/")]
    [InlineData("com.exampleco.timesheets:/callback/extra")]
    [InlineData("com.exampleco.timesheets:/callbackx")]
    [InlineData("com.exampleco.timesheets:/Callback")]
    [InlineData("com.exampleco.timesheets:/callback?foo=bar")]
    [InlineData("com.exampleco.timesheets:/callback#fragment")]
    [InlineData("com.exampleco.timesheets.evil:/callback")]
    [InlineData("com.exampleco.timesheets://callback")]
    [InlineData("https://attacker.example.org/callback")]
    [InlineData("http://127.0.0.1/callback")]
    public async Task ExactMatching_MobileRedirectNotAsRegistered_ErrorPageWithoutRedirect(string redirectUri)
    {
        using var browser = fixture.NewBrowser();
        var url = Op.AuthorizeUrl(OidcTestClient.Pkce.New(), Op.RandomState(), extra: Op.Params(("redirect_uri", redirectUri)));

        await Op.AssertErrorPageAsync(await browser.Http.GetAsync(url));
    }

    [Theory]
    [InlineData("http://localhost:54321/callback")]
    [InlineData("http://127.0.0.1:54321/other")]
    [InlineData("http://127.0.0.1:54321/callback/")]
    [InlineData("http://127.0.0.1:54321/callback?x=1")]
    [InlineData("https://127.0.0.1:54321/callback")]
    [InlineData("http://127.0.0.2:54321/callback")]
    [InlineData("http://[::1]:54321/callback")]
    [InlineData("http://127.0.0.1.attacker.example.org:54321/callback")]
    [InlineData("com.exampleco.timesheets:/callback")]
    public async Task LoopbackRedirect_CliRedirectNotAsRegistered_ErrorPageWithoutRedirect(string redirectUri)
    {
        using var browser = fixture.NewBrowser();
        var url = Op.AuthorizeUrl(OidcTestClient.Pkce.New(), Op.RandomState(), clientId: Op.Cli, redirectUri: redirectUri);

        await Op.AssertErrorPageAsync(await browser.Http.GetAsync(url));
    }

    [Theory]
    [InlineData(54321)]
    [InlineData(1024)]
    [InlineData(65535)]
    public async Task LoopbackRedirect_CliOnAnyPort_FullFlowSucceeds(int port)
    {
        using var browser = fixture.NewBrowser();
        var redirectUri = $"http://127.0.0.1:{port}/callback";

        var tokens = await browser.LoginAsync(Op.User, Op.Password, "openid offline_access", Op.Cli, redirectUri);

        await Op.ValidateIdTokenAsync(browser.Http, tokens.IdToken, nonce: "nonce-s1", tokens.AccessToken, Op.Cli);
    }

    [Fact]
    public async Task LoopbackRedirect_TokenRequestOnAnotherPort_IsInvalidGrant()
    {
        // RFC 6749 §4.1.3: the token request's redirect_uri must be identical to the authorization request's.
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var authorization = await browser.CompleteAuthorizationAsync(
            Op.AuthorizeUrl(pkce, state, clientId: Op.Cli, redirectUri: "http://127.0.0.1:50001/callback"));
        Op.AssertSuccessfulAuthorization(authorization, state, "http://127.0.0.1:50001/callback");

        var response = await browser.RedeemCodeAsync(authorization.Code!, pkce.Verifier, Op.Cli, "http://127.0.0.1:50002/callback");

        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(response)).Error);
    }

    [Fact]
    public async Task CodeBinding_CodeRedeemedByAnotherClient_IsInvalidGrant()
    {
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var authorization = await browser.CompleteAuthorizationAsync(Op.AuthorizeUrl(pkce, state));

        var response = await browser.RedeemCodeAsync(authorization.Code!, pkce.Verifier, Op.Cli, Op.MobileRedirect);

        var error = await OidcTestClient.ExpectErrorAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, (HttpStatusCode)error.Status);
        Assert.Equal("invalid_grant", error.Error);
    }
}
