using System.Net;
using Microsoft.Extensions.Time.Testing;
using static Timesheets.Identity.Tests.Mfa.MfaSteps;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>
/// <c>[RequireRecentLogin]</c> (here on <c>/account/mfa</c>): a login older than <c>Mfa:RecentLoginMaxAge</c>
/// (10 minutes by default) goes through the login page again and comes back to the page. Time passes on
/// a test clock that the session cookie and the filter both read.
/// </summary>
public sealed class RecentLoginTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SensitivePage_LoginElevenMinutesOld_AsksForThePasswordThenReturnsToThePage(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "recent-login"), clock);
        using var browser = host.CreateOidcClient();
        await browser.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account/mfa")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(2));
        var login = ExpectRedirect(await browser.Http.GetAsync("/account/mfa"), "http://localhost/account/login?ReturnUrl=%2Faccount%2Fmfa");
        // Only the sensitive page asks: the rest of the account still works with the older login.
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account")).StatusCode);
        // A form posted with the old login (and a valid antiforgery token) is not carried out: back to the login page.
        var token = OidcTestClient.AntiforgeryToken(await browser.Http.GetStringAsync("/account/password"));
        var posted = await browser.Http.PostAsync("/account/mfa?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = IdentityHost.DemoPassword,
            ["__RequestVerificationToken"] = token,
        }));
        ExpectRedirect(posted, "http://localhost/account/login?ReturnUrl=%2Faccount%2Fmfa");

        var back = await browser.PostLoginAsync(login, IdentityHost.Employee, IdentityHost.DemoPassword);
        Assert.Equal("/account/mfa", ExpectRedirect(back, "/account/mfa"));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account/mfa")).StatusCode);
        Assert.Contains(host.Logs.Lines, l => l.EventId == 1039);
    }
}
