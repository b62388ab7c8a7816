using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Timesheets.Identity.Tests.Infrastructure;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Tests.Sessions;

/// <summary>
/// Logout that really ends the session: a logout link without the user's own ID token asks first,
/// and after logout the session cookie (and any copy of it) no longer gets a code.
/// </summary>
public abstract class LogoutTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Logout_WithoutIdTokenHint_ShowsConfirmPageAndKeepsSession()
    {
        // A logout link in an image or a mail must not log the user out behind their back.
        using var browser = (await LoggedInAsync()).Browser;

        var response = await browser.Http.GetAsync("/v2/logout");

        var page = AssertConfirmRedirect(response);
        Assert.Contains("logout-confirm", await browser.Http.GetStringAsync(page), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((await SilentAuthorizeAsync(browser.Http))["code"]));
    }

    [Fact]
    public async Task Logout_Confirmed_EndsSession()
    {
        using var browser = (await LoggedInAsync()).Browser;
        var page = AssertConfirmRedirect(await browser.Http.GetAsync("/v2/logout?state=st"));

        var confirmed = await browser.PostPageAsync(page, handler: null);
        var back = await browser.Http.GetAsync(confirmed.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("login_required", (await SilentAuthorizeAsync(browser.Http))["error"].ToString());
    }

    [Fact]
    public async Task Logout_ForgedConfirmWithoutAntiforgeryToken_RefusedAndSessionKept()
    {
        using var browser = (await LoggedInAsync()).Browser;
        AssertConfirmRedirect(await browser.Http.GetAsync("/v2/logout"));

        var forged = await browser.Http.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ReturnUrl"] = "/v2/logout" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(string.IsNullOrEmpty((await SilentAuthorizeAsync(browser.Http))["code"]));
    }

    [Fact]
    public async Task Logout_CopyOfSessionCookieTakenBefore_GetsNoCodeAfterwards()
    {
        // A session cookie stolen (or left in another browser) before logout: still validly signed and
        // unexpired, it must not get a code once the user has logged out.
        var (loggedIn, cookie) = await LoggedInAsync();
        using var browser = loggedIn;
        using var copy = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie.Session);
        Assert.False(string.IsNullOrEmpty((await SilentAuthorizeAsync(copy))["code"]), "The copy should work before logout.");

        var logout = await browser.Http.GetAsync("/v2/logout?id_token_hint=" + Uri.EscapeDataString(cookie.IdToken));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.DoesNotContain("/account/logout", logout.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var afterwards = await SilentAuthorizeAsync(copy);
        Assert.Equal("login_required", afterwards["error"].ToString());
        Assert.False(afterwards.ContainsKey("code"));
    }

    /// <summary>A fresh user logged in over the PWA redirect; their session cookie and ID token.</summary>
    private async Task<(OidcTestClient Browser, (string Session, string IdToken) Cookie)> LoggedInAsync()
    {
        // A user of its own: logout renews the user's security stamp, which would end other tests' sessions.
        var email = await fixture.CreateUserAsync(Roles.Employee);
        var browser = Host.CreateOidcClient();
        var pkce = OidcTestClient.Pkce.New();
        var login = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(pkce, "s", redirectUri: IdentityHost.PwaRedirect));
        var posted = await browser.PostLoginAsync(login.Headers.Location!.OriginalString, email, IdentityHost.DemoPassword);
        var session = posted.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("timesheets.session=", StringComparison.Ordinal)).Split(';')[0];
        var back = await browser.Http.GetAsync(posted.Headers.Location!.OriginalString);
        var code = NativeConsentTests.AssertRedirectTo(IdentityHost.PwaRedirect, back)["code"].ToString();
        var tokens = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(code, pkce.Verifier, redirectUri: IdentityHost.PwaRedirect));
        return (browser, (session, tokens.IdToken!));
    }

    private static async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> SilentAuthorizeAsync(HttpClient http) =>
        NativeConsentTests.AssertRedirectTo(IdentityHost.PwaRedirect, await http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s",
            new Dictionary<string, string?> { ["prompt"] = "none" }, redirectUri: IdentityHost.PwaRedirect)));

    private static string AssertConfirmRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/logout?", location, StringComparison.Ordinal);
        return location;
    }
}
