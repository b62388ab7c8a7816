using System.Net;
using System.Net.Http.Headers;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Security;

/// <summary>
/// Per-caller limits: an API of its own with a few permits per minute, tokens from the shared
/// Identity. A caller over the limit gets 429 with Retry-After and a problem; others are still served.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class RateLimitTests(SqliteApiFixture fixture)
{
    private const int Permits = 5;

    private ApiHost LimitedApi() => new(fixture.Identity, TestDatabase.Sqlite("ratelimit"), new Dictionary<string, string?>
    {
        ["RateLimits:CallerPermits"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:AnonymousPermits"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Window"] = "00:05:00",
    });

    private static HttpClient ClientOf(ApiHost api, string? token)
    {
        var client = api.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    [Fact]
    public async Task Caller_OverTheLimit_Gets429WithRetryAfter_WhileOtherCallersAreServed()
    {
        await using var api = LimitedApi();
        using var employee = ClientOf(api, await fixture.TokenAsync(IdentityHost.Employee));
        using var manager = ClientOf(api, await fixture.TokenAsync(IdentityHost.Manager));
        using var machine = ClientOf(api, await fixture.TokenAsync(OidcTestClient.ImportClient));
        for (var i = 0; i < Permits; i++)
        {
            await (await employee.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        }

        var refused = await employee.GetAsync("/timesheets");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 300 }, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("Retry-After", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Another person, and the machine client (partitioned by its client id), still have their own windows.
        await (await manager.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        await (await machine.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        // Health probes are never limited.
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task BogusTokens_CountAgainstTheirIp_NotAgainstAnyCaller()
    {
        await using var api = LimitedApi();
        using var bogus = ClientOf(api, "not-a-token");
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await bogus.GetAsync("/me")).StatusCode);
        }

        var refused = await bogus.GetAsync("/me");
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);

        using var employee = ClientOf(api, await fixture.TokenAsync(IdentityHost.Employee));
        await (await employee.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("RateLimits:CallerPermits", "0")]
    [InlineData("RateLimits:AnonymousPermits", "-1")]
    [InlineData("RateLimits:Window", "00:00:00")]
    [InlineData("RateLimits:Window", "1.00:00:00")]
    public async Task Start_WithAnInvalidRateLimit_FailsNamingTheSetting(string key, string value)
    {
        await using var api = new ApiHost(fixture.Identity, TestDatabase.Sqlite("ratelimit-bad"), new Dictionary<string, string?> { [key] = value });
        var error = Record.Exception(() => api.Server);
        Assert.NotNull(error);
        var messages = string.Join(" | ", Flatten(error));
        Assert.Contains(key, messages, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Flatten(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error.Message;
        }
    }
}
