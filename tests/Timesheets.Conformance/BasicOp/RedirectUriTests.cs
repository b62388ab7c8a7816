using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.BasicOp;

/// <summary>Unregistered or missing redirect URIs: an error page, never a redirect (OIDC Core §3.1.2.1).</summary>
[Collection(ConformanceCollection.Name)]
public sealed class RedirectUriTests(ConformanceFixture fixture)
{
    [Fact]
    [Trait("module", "oidcc-ensure-registered-redirect-uri")]
    public async Task RegisteredRedirectUri_Unregistered_ErrorPageWithoutRedirect()
    {
        using var browser = fixture.NewBrowser();
        var url = Op.AuthorizeUrl(OidcTestClient.Pkce.New(), Op.RandomState(),
            extra: Op.Params(("redirect_uri", "https://attacker.example.org/callback")));

        await Op.AssertErrorPageAsync(await browser.Http.GetAsync(url));
    }

    [Fact]
    [Trait("module", "oidcc-ensure-redirect-uri-in-authorization-request")]
    public async Task RedirectUriInRequest_Missing_ErrorPageWithoutRedirect()
    {
        // OIDC makes redirect_uri REQUIRED even when a single one is registered.
        using var browser = fixture.NewBrowser();
        var url = Op.AuthorizeUrl(OidcTestClient.Pkce.New(), Op.RandomState(), extra: Op.Params(("redirect_uri", null)));

        await Op.AssertErrorPageAsync(await browser.Http.GetAsync(url));
    }

    [Theory]
    [InlineData("oidcc-redirect-uri-query-added", "com.exampleco.timesheets:/callback?foo=bar")]
    [InlineData("oidcc-redirect-uri-query-mismatch", "com.exampleco.timesheets:/callback?foo=baz&x=1")]
    public async Task RedirectUriQuery_NotAsRegistered_ErrorPageWithoutRedirect(string module, string redirectUri)
    {
        Assert.StartsWith("oidcc-redirect-uri-query", module, StringComparison.Ordinal);
        using var browser = fixture.NewBrowser();
        var url = Op.AuthorizeUrl(OidcTestClient.Pkce.New(), Op.RandomState(), extra: Op.Params(("redirect_uri", redirectUri)));

        await Op.AssertErrorPageAsync(await browser.Http.GetAsync(url));
    }
}
