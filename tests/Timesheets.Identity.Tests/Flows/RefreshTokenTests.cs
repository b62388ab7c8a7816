using System.Net;
using System.Net.Http.Headers;
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
    public async Task Refresh_Reuse_AlsoStopsTheGrantsAccessTokensAtUserinfo()
    {
        using var client = Host.CreateOidcClient();
        var first = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        var second = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(first.RefreshToken!));
        Assert.Equal(HttpStatusCode.OK, (await UserinfoAsync(client, second.AccessToken)).StatusCode);

        // Access tokens have no row of their own: /userinfo checks the grant they carry, so revoking it stops them too.
        await OidcTestClient.ExpectErrorAsync(await client.RefreshAsync(first.RefreshToken!));

        foreach (var accessToken in new[] { first.AccessToken, second.AccessToken })
        {
            var refused = await UserinfoAsync(client, accessToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task Revocation_OfAnAccessToken_IsRefusedAsUnsupported_AndTheRefreshTokenStillWorks()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        // As at Auth0, /oauth/revoke revokes refresh tokens; access tokens are short-lived JWTs (RFC 7009 §2.2.1).
        var revoke = await client.Http.PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.AccessToken,
            ["token_type_hint"] = "access_token",
            ["client_id"] = OidcTestClient.MobileClient,
        }));
        var error = await OidcTestClient.ExpectErrorAsync(revoke);
        Assert.Equal("unsupported_token_type", error.Error);

        await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(tokens.RefreshToken!));
    }

    private static Task<HttpResponseMessage> UserinfoAsync(OidcTestClient client, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client.Http.SendAsync(request);
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
