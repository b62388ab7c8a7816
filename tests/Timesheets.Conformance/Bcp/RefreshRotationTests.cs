using System.Net;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.Bcp;

/// <summary>RFC 9700 §4.14.2: public clients' refresh tokens rotate, and a replayed one revokes the whole grant.</summary>
[Collection(ConformanceCollection.Name)]
[Trait("rule", "RFC 9700 4.14.2")]
public sealed class RefreshRotationTests(ConformanceFixture fixture)
{
    [Fact]
    public async Task RefreshRotation_EachUse_IssuesNewRefreshToken()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid offline_access");

        var second = await OidcTestClient.ExpectTokensAsync(await browser.RefreshAsync(flow.Tokens.RefreshToken!));
        var third = await OidcTestClient.ExpectTokensAsync(await browser.RefreshAsync(second.RefreshToken!));

        Assert.NotNull(second.RefreshToken);
        Assert.NotNull(third.RefreshToken);
        Assert.Equal(3, new HashSet<string> { flow.Tokens.RefreshToken!, second.RefreshToken!, third.RefreshToken! }.Count);
    }

    [Fact]
    public async Task RefreshReuse_OldTokenReplayed_InvalidGrantAndNewestTokenRevokedToo()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid offline_access");
        var rotated = await OidcTestClient.ExpectTokensAsync(await browser.RefreshAsync(flow.Tokens.RefreshToken!));

        // The attacker (or the victim) replays the first, already-redeemed refresh token.
        var replay = await browser.RefreshAsync(flow.Tokens.RefreshToken!);

        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(replay)).Error);
        // The whole grant is gone: the legitimate newest refresh token no longer works either.
        var newest = await browser.RefreshAsync(rotated.RefreshToken!);
        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(newest)).Error);
    }

    [Fact]
    public async Task RefreshReuse_ReplayedImmediately_NoGraceWindow()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid offline_access");

        var first = await browser.RefreshAsync(flow.Tokens.RefreshToken!);
        var second = await browser.RefreshAsync(flow.Tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(second)).Error);
    }

    [Fact]
    public async Task RefreshToken_WithoutOfflineAccess_NotIssued()
    {
        using var browser = fixture.NewBrowser();

        var flow = await browser.CodeFlowAsync("openid profile");

        Assert.Null(flow.Tokens.RefreshToken);
    }
}
