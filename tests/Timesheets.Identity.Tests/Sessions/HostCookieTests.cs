using Microsoft.AspNetCore.Mvc.Testing;

namespace Timesheets.Identity.Tests.Sessions;

/// <summary>
/// Under HTTPS the session, antiforgery and interaction cookies carry the <c>__Host-</c> prefix, so a
/// browser refuses one planted by a sibling subdomain or a plain-HTTP page (session fixation).
/// </summary>
public sealed class HostCookieTests
{
    [Fact]
    public async Task Https_LoginFlow_SetsOnlyHostPrefixedSecureCookiesWithoutDomain()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("host-cookies"), new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = "https://localhost/",
            ["Identity:RequireHttps"] = "true",
        });
        using var browser = new OidcTestClient(host.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false, HandleCookies = true,
        }));
        var login = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s"));
        var page = await browser.Http.GetAsync(login.Headers.Location!.OriginalString);
        var posted = await browser.PostLoginAsync(login.Headers.Location!.OriginalString, IdentityHost.Employee, IdentityHost.DemoPassword);

        var cookies = page.Headers.GetValues("Set-Cookie").Concat(posted.Headers.GetValues("Set-Cookie")).ToList();

        Assert.Contains(cookies, c => c.StartsWith("__Host-timesheets.session=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-timesheets.antiforgery=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-timesheets.interaction=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.StartsWith("__Host-", c, StringComparison.Ordinal);
            var attributes = c.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        });
    }
}
