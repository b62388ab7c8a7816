using System.Net;

namespace Timesheets.Identity.Tests.Management;

/// <summary>The admin pages as a browser uses them: a login session, forms posted with the antiforgery token of the page they are on.</summary>
internal static class AdminBrowser
{
    /// <summary>A browser logged in as <paramref name="email"/> through the login page (no OIDC client involved).</summary>
    public static async Task<OidcTestClient> LoggedInAsync(IdentityHost host, string email, string password = IdentityHost.DemoPassword)
    {
        var browser = host.CreateOidcClient();
        var login = await browser.PostLoginAsync("/account/login?ReturnUrl=%2Fadmin", email, password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    /// <summary>GETs the page (its antiforgery token and cookie), then posts the form to <paramref name="handler"/> (empty: the page's own POST).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this OidcTestClient browser, string url, string handler, Dictionary<string, string> fields)
    {
        var page = await browser.Http.GetStringAsync(url);
        fields["__RequestVerificationToken"] = OidcTestClient.AntiforgeryToken(page);
        return await browser.Http.PostAsync(handler.Length == 0 ? url : $"{url}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens a confirmation page (it must show <paramref name="expect"/>), then presses its button.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(this OidcTestClient browser, string url, string expect)
    {
        var page = await browser.Http.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)page.StatusCode}");
        Assert.Contains(WebUtility.HtmlEncode(expect), html, StringComparison.Ordinal);
        return await browser.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OidcTestClient.AntiforgeryToken(html),
        }));
    }
}
