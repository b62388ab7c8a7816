using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Flows;

public abstract class RefreshTokenTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Refresh_RotatesTheRefreshToken_AndKeepsTheScopes()
    {
        using var client = Host.CreateOidcClient();
        var first = await client.LoginAsync(IdentityHost.Manager, IdentityHost.DemoPassword);

        var second = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(first.RefreshToken!));

        Assert.NotNull(second.RefreshToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Contains("approve:timesheets", second.Scopes);
        var jwt = await Jwks.ValidateAsync(client.Http, second.AccessToken, IdentityHost.ApiAudience);
        Assert.Contains("approve:timesheets", CodeFlowTests.Permissions(jwt));
    }

    [Fact]
    public async Task Refresh_ReuseOfRedeemedToken_RevokesTheWholeGrant()
    {
        using var client = Host.CreateOidcClient();
        var first = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        var second = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(first.RefreshToken!));

        // An attacker replays the first (already redeemed) refresh token, with no grace window.
        var replay = await OidcTestClient.ExpectErrorAsync(await client.RefreshAsync(first.RefreshToken!));
        Assert.Equal("invalid_grant", replay.Error);

        // The legitimate client's newest refresh token is revoked too.
        var newest = await OidcTestClient.ExpectErrorAsync(await client.RefreshAsync(second.RefreshToken!));
        Assert.Equal("invalid_grant", newest.Error);

        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1012);
    }

    [Fact]
    public async Task Refresh_SameTokenFourTimesAtOnce_OneSucceeds_AndTheGrantIsRevoked()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        // A client retrying on a timeout, or a stolen copy used alongside the real one: one redemption wins, the rest are reuse.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.RefreshAsync(tokens.RefreshToken!)));
        var winner = await OidcTestClient.ExpectTokensAsync(Assert.Single(answers, a => a.IsSuccessStatusCode));
        foreach (var loser in answers.Where(a => !a.IsSuccessStatusCode))
        {
            Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(loser)).Error);
        }

        var newest = await OidcTestClient.ExpectErrorAsync(await client.RefreshAsync(winner.RefreshToken!));
        Assert.Equal("invalid_grant", newest.Error);
    }

    [Fact]
    public async Task Refresh_ByAnotherClient_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        var error = await OidcTestClient.ExpectErrorAsync(await client.RefreshAsync(tokens.RefreshToken!, OidcTestClient.CliClient));
        Assert.Equal("invalid_grant", error.Error);
    }
}
