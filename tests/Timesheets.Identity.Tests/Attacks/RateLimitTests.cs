using System.Net;

namespace Timesheets.Identity.Tests.Attacks;

/// <summary>A host of its own with low limits, so the other tests are never throttled.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly IdentityHost _host = new(TestDatabase.Sqlite("ratelimit"), new Dictionary<string, string?>
    {
        ["RateLimits:LoginPermits"] = "5",
        ["RateLimits:TokenPermits"] = "5",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Login_BruteForceFromOneAddress_GetsTooManyRequestsWithRetryAfter()
    {
        using var client = _host.CreateOidcClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 7; i++)
        {
            // Credential stuffing: a different account each time, all from one address.
            last = await client.PostLoginAsync("/account/login", $"victim{i}@exampleco.com", "guess-" + i);
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Activate_GuessingDeviceCodes_GetsTooManyRequests()
    {
        using var client = _host.CreateOidcClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 7; i++)
        {
            last = await client.Http.GetAsync("/activate?user_code=BCDF-GHJ" + "KLMNPQR"[i]);
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Contains("Too many device codes tried", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The page without a code (the form) stays reachable.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/activate")).StatusCode);
    }

    [Fact]
    public async Task Token_Flood_GetsTooManyRequestsAsOAuthError()
    {
        using var client = _host.CreateOidcClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 7; i++)
        {
            last = await client.ClientCredentialsAsync(secret: "wrong-secret-guess-" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal("temporarily_unavailable", (await Oidc.CompactJsonTests.AssertCompactJsonAsync(last)).GetProperty("error").GetString());
    }
}
