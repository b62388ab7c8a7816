using System.Net;
using System.Net.Http.Headers;

namespace Timesheets.Identity.Tests.Attacks;

public sealed class ExpiredTokenTests
{
    [Fact]
    public async Task Userinfo_ExpiredAccessToken_Is401InvalidToken()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("expiry"), new Dictionary<string, string?>
        {
            ["Identity:AccessTokenLifetime"] = "00:00:01",
        });
        using var client = host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
