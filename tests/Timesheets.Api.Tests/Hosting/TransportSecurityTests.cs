using System.Net;
using System.Net.Http.Headers;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Hosting;

/// <summary>Production transport settings (<c>Api:RequireHttps</c>, <c>Api:BehindProxy</c>) on hosts of their own; the provider plays no part.</summary>
[Collection(SqliteCollection.Name)]
public sealed class TransportSecurityTests(SqliteApiFixture fixture)
{
    private ApiHost Host(bool behindProxy) => new(fixture.Identity, TestDatabase.Sqlite("transport"), new Dictionary<string, string?>
    {
        ["Api:RequireHttps"] = "true",
        ["Api:BehindProxy"] = behindProxy ? "true" : "false",
        // TestServer leaves the sender's address empty, which the forwarded-headers step treats as the proxy itself.
        ["Api:TrustedProxies:0"] = "10.0.0.0/8",
    });

    private async Task<HttpClient> ClientAsync(ApiHost host, string baseAddress)
    {
        var client = host.CreateClient(new() { BaseAddress = new Uri(baseAddress) });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.TokenAsync(IdentityHost.Employee));
        return client;
    }

    [Fact]
    public async Task RequireHttps_PlainHttpRequest_Returns400ProblemAndServesNothing()
    {
        await using var host = Host(behindProxy: false);
        using var client = await ClientAsync(host, "http://api.example.com/");
        var response = await client.GetAsync("/me");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("HTTPS required", problem.GetProperty("title").GetString());
        Assert.False(problem.TryGetProperty("sub", out _));
    }

    [Fact]
    public async Task RequireHttps_HttpsRequest_IsServedWithHsts()
    {
        await using var host = Host(behindProxy: false);
        using var client = await ClientAsync(host, "https://api.example.com/");
        var response = await client.GetAsync("/me");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task RequireHttps_HealthProbeOverHttp_IsAnswered()
    {
        await using var host = Host(behindProxy: false);
        using var client = host.CreateClient(new() { BaseAddress = new Uri("http://10.0.0.7/") });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task BehindProxy_ForwardedHttps_IsServed()
    {
        await using var host = Host(behindProxy: true);
        using var client = await ClientAsync(host, "http://api.example.com/");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BehindProxy_ForwardedHttp_Returns400()
    {
        await using var host = Host(behindProxy: true);
        using var client = await ClientAsync(host, "http://api.example.com/");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        await (await client.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NotBehindProxy_ForwardedHttpsHeader_IsIgnored()
    {
        // Without a declared proxy anyone could claim HTTPS with a header.
        await using var host = Host(behindProxy: false);
        using var client = await ClientAsync(host, "http://api.example.com/");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        await (await client.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
