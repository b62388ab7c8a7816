using System.Net;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.BasicOp;

/// <summary>Authorization codes are single use (RFC 6749 §4.1.2), and reuse revokes what the code gave.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class CodeReuseTests(ConformanceFixture fixture)
{
    [Fact]
    [Trait("module", "oidcc-codereuse")]
    public async Task CodeReuse_SecondRedemption_IsInvalidGrant()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();

        var again = await browser.RedeemCodeAsync(flow.Authorization.Code!, flow.Pkce.Verifier);

        var error = await OidcTestClient.ExpectErrorAsync(again);
        Assert.Equal(400, error.Status);
        Assert.Equal("invalid_grant", error.Error);
    }
}

[Collection(SlowConformanceCollection.Name)]
public sealed class CodeReuseAfter30SecondsTests(ConformanceFixture fixture)
{
    [Fact]
    [Trait("module", "oidcc-codereuse-30seconds")]
    public async Task CodeReuse30Seconds_SecondRedemption_RefusedAndTokensFromCodeRevoked()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid email offline_access");
        Assert.Equal(HttpStatusCode.OK, (await Op.UserinfoGetAsync(browser.Http, flow.Tokens.AccessToken)).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(30));
        var again = await browser.RedeemCodeAsync(flow.Authorization.Code!, flow.Pkce.Verifier);

        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(again)).Error);
        // RFC 6749 §4.1.2 / RFC 9700 §4.5: what the stolen code bought is revoked with it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Op.UserinfoGetAsync(browser.Http, flow.Tokens.AccessToken)).StatusCode);
        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(await browser.RefreshAsync(flow.Tokens.RefreshToken!))).Error);
    }
}
