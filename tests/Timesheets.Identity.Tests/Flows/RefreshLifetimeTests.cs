using Microsoft.Extensions.Time.Testing;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Flows;

/// <summary>
/// A stolen refresh token must die: past the idle lifetime without use, and past the absolute
/// lifetime of its login however often it is rotated. Days pass on a test clock that both this
/// server's code and OpenIddict read.
/// </summary>
public sealed class RefreshLifetimeTests
{
    private static readonly Dictionary<string, string?> Lifetimes = new()
    {
        ["Identity:RefreshTokenLifetime"] = "2.00:00:00",
        ["Identity:RefreshTokenAbsoluteLifetime"] = "5.00:00:00",
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Refresh_UnusedPastTheIdleLifetime_IsInvalidGrant(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "idle"), clock, Lifetimes);
        using var client = host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        clock.Advance(TimeSpan.FromDays(1.5));
        var refreshed = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(tokens.RefreshToken!));
        clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var error = await OidcTestClient.ExpectErrorAsync(await client.RefreshAsync(refreshed.RefreshToken!));

        Assert.Equal("invalid_grant", error.Error);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Refresh_RotatedPastTheAbsoluteLifetime_IsInvalidGrant(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "absolute"), clock, Lifetimes);
        using var client = host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        // Used every day and a half: always within the idle lifetime, so each rotation succeeds...
        var refreshToken = tokens.RefreshToken!;
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromDays(1.5));
            refreshToken = (await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(refreshToken))).RefreshToken!;
        }

        // ...until five days after the login: one day after the last use, yet the session is over.
        clock.Advance(TimeSpan.FromDays(1));
        var error = await OidcTestClient.ExpectErrorAsync(await client.RefreshAsync(refreshToken));

        Assert.Equal("invalid_grant", error.Error);

        // A new login starts a new session.
        using var again = host.CreateOidcClient();
        var fresh = await again.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        await OidcTestClient.ExpectTokensAsync(await again.RefreshAsync(fresh.RefreshToken!));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Refresh_SessionStart_NeverReachesTheAccessOrIdToken(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "claim"), clock, Lifetimes);
        using var client = host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        var refreshed = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(tokens.RefreshToken!));

        foreach (var jwt in new[] { refreshed.AccessToken, refreshed.IdToken! })
        {
            var payload = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt);
            Assert.DoesNotContain(payload.Claims, c => c.Type == "ts_session_started");
        }
    }
}
