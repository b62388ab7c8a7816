using System.Net;

namespace Timesheets.Identity.Tests.Configuration;

public sealed class TransportSecurityTests
{
    private static IdentityHost Production(bool behindProxy) => new(TestDatabase.Sqlite("https"), new Dictionary<string, string?>
    {
        ["Identity:Issuer"] = "https://localhost/",
        ["Identity:RequireHttps"] = "true",
        ["Identity:BehindProxy"] = behindProxy ? "true" : "false",
        ["Identity:TrustedProxies:0"] = "10.0.0.0/8",
    });

    [Fact]
    public async Task Production_PlainHttpRequest_IsRefused()
    {
        await using var host = Production(behindProxy: false);
        using var client = host.CreateOidcClient();

        // Neither a client secret nor a password is accepted over plain HTTP.
        foreach (var response in new[] { await client.ClientCredentialsAsync(), await client.Http.GetAsync("/account/login") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("HTTPS", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Production_BehindDeclaredProxyForwardingHttps_IsServed()
    {
        await using var host = Production(behindProxy: true);
        using var client = host.CreateOidcClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = OidcTestClient.ImportClient,
                ["client_secret"] = IdentityHost.ImportSecret,
            }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        var tokens = await OidcTestClient.ExpectTokensAsync(await client.Http.SendAsync(request));

        Assert.Equal("https://localhost/", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).Issuer);
    }

    [Fact]
    public async Task Production_HttpIssuer_RefusesToStart()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("https"), new Dictionary<string, string?>
        {
            ["Identity:RequireHttps"] = "true",
        });

        var error = Assert.ThrowsAny<Exception>(() => host.Server);
        Assert.Contains("must use https", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_ReadyChecksTheDatabase()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("health"));
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
