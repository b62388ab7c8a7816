using System.Net;

namespace Timesheets.Identity.Tests.Attacks;

/// <summary>
/// Forwarded headers behind a proxy: only the configured proxy (10.0.0.0/8 here) is believed, and
/// the login rate limit counts the right-most address no trusted proxy vouches for.
/// </summary>
public sealed class ProxyTests : IAsyncLifetime
{
    private const int Permits = 3;
    private static readonly IPAddress Proxy = IPAddress.Parse("10.1.2.3");

    private readonly IdentityHost _host = new(TestDatabase.Sqlite("proxy"), new Dictionary<string, string?>
    {
        ["Identity:BehindProxy"] = "true",
        ["Identity:TrustedProxies:0"] = "10.0.0.0/8",
        ["RateLimits:LoginPermits"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<HttpStatusCode> PostAsync(OidcTestClient client, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@exampleco.com", ["Password"] = "guess" }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        // The limiter runs before antiforgery: a post without a token still spends a permit (400 when allowed).
        return (await client.Http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task UntrustedSender_RotatingForwardedFor_IsLimitedOnItsOwnAddress()
    {
        using var attacker = _host.CreateOidcClient(IPAddress.Parse("203.0.113.9"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Permits + 2; i++)
        {
            statuses.Add(await PostAsync(attacker, $"198.51.100.{i + 1}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task ConfiguredProxy_ForwardedClientsGetBucketsOfTheirOwn()
    {
        using var proxy = _host.CreateOidcClient(Proxy);
        for (var i = 0; i < Permits; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(proxy, "192.0.2.10"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(proxy, "192.0.2.10"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(proxy, "192.0.2.11"));
    }

    [Fact]
    public async Task ConfiguredProxy_ClientPrependingAddresses_IsCountedOnTheAddressTheProxySaw()
    {
        // The client sends its own X-Forwarded-For; the proxy appends the address it saw (192.0.2.20).
        using var proxy = _host.CreateOidcClient(Proxy);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Permits + 2; i++)
        {
            statuses.Add(await PostAsync(proxy, $"198.51.100.{i + 1}, 192.0.2.20"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task IPv6_OneSlash64SharesABucket_AnotherSlash64DoesNot()
    {
        for (var i = 0; i < Permits; i++)
        {
            using var host = _host.CreateOidcClient(IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(host, null));
        }

        using var sameNetwork = _host.CreateOidcClient(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(sameNetwork, null));
        using var otherNetwork = _host.CreateOidcClient(IPAddress.Parse("2001:db8:1:3::1"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(otherNetwork, null));
    }
}
