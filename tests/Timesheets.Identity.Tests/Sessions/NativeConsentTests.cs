using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Sessions;

/// <summary>
/// RFC 8252 §8.6: a native (custom scheme) or loopback redirect is not answered from the session
/// alone, because another app on the device can open the same authorization URL and receive the code.
/// The user confirms on a page of ours, unless they typed their password in this very flow.
/// </summary>
public abstract class NativeConsentTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Authorize_SessionAndNativeRedirect_ShowsConsentPageAndNoCode()
    {
        using var browser = await LoggedInBrowserAsync();

        var response = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s"));

        var page = AssertConsentRedirect(response);
        var html = await browser.Http.GetStringAsync(page);
        Assert.Contains("consent-allow", html, StringComparison.Ordinal);
        Assert.Contains(IdentityHost.Employee, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_SessionAndPromptNoneNativeRedirect_AnswersConsentRequired()
    {
        using var browser = await LoggedInBrowserAsync();

        var response = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s",
            new Dictionary<string, string?> { ["prompt"] = "none" }));

        var query = AssertRedirectTo(OidcTestClient.MobileRedirect, response);
        Assert.Equal("consent_required", query["error"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_SessionAndLoopbackRedirectOnAnyPort_AnswersConsentRequired()
    {
        // The CLI's loopback redirect matches every port: any local process can listen for the code.
        using var browser = await LoggedInBrowserAsync();
        const string redirect = "http://127.0.0.1:49152/callback";

        var response = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s",
            new Dictionary<string, string?> { ["prompt"] = "none" }, OidcTestClient.CliClient, redirect));

        Assert.Equal("consent_required", AssertRedirectTo(redirect, response)["error"].ToString());
    }

    [Fact]
    public async Task Authorize_RightAfterPasswordLogin_NoConsentPage()
    {
        using var browser = Host.CreateOidcClient();
        var pkce = OidcTestClient.Pkce.New();
        var login = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(pkce, "s"));
        Assert.Contains("/account/login", login.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var posted = await browser.PostLoginAsync(login.Headers.Location!.OriginalString, IdentityHost.Employee, IdentityHost.DemoPassword);
        var response = await browser.Http.GetAsync(posted.Headers.Location!.OriginalString);

        var code = AssertRedirectTo(OidcTestClient.MobileRedirect, response)["code"].ToString();
        await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(code, pkce.Verifier));
    }

    [Fact]
    public async Task Consent_Allow_IssuesCode()
    {
        using var browser = await LoggedInBrowserAsync();
        var pkce = OidcTestClient.Pkce.New();
        var page = AssertConsentRedirect(await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(pkce, "s")));

        var allowed = await browser.PostPageAsync(page, "Allow");
        var response = await browser.Http.GetAsync(allowed.Headers.Location!.OriginalString);

        var query = AssertRedirectTo(OidcTestClient.MobileRedirect, response);
        Assert.Equal("s", query["state"].ToString());
        await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(query["code"].ToString(), pkce.Verifier));
    }

    [Fact]
    public async Task Consent_Cancel_AnswersAccessDeniedWithoutCode()
    {
        using var browser = await LoggedInBrowserAsync();
        var page = AssertConsentRedirect(await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s")));

        var cancelled = await browser.PostPageAsync(page, "Cancel");
        var response = await browser.Http.GetAsync(cancelled.Headers.Location!.OriginalString);

        var query = AssertRedirectTo(OidcTestClient.MobileRedirect, response);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Consent_ForgedPostWithoutAntiforgeryToken_RefusedAndNoCode()
    {
        // Another app (or site) presses Allow for the user: it cannot read the page's antiforgery token.
        using var browser = await LoggedInBrowserAsync();
        var url = OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s");
        var page = AssertConsentRedirect(await browser.Http.GetAsync(url));
        var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri(IdentityHost.Issuer), page).Query)["ReturnUrl"].ToString();

        var forged = await browser.Http.PostAsync(OidcTestClient.ConsentPath + "?handler=Allow",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ReturnUrl"] = returnUrl }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        AssertConsentRedirect(await browser.Http.GetAsync(returnUrl));
    }

    [Fact]
    public async Task Consent_AllowForOneRequest_DoesNotAnswerAnotherOrTheSameTwice()
    {
        // The proof is bound to the exact request and spent once: an app that waits for the user to
        // allow its own request cannot reuse the answer for a request with its own PKCE challenge.
        using var browser = await LoggedInBrowserAsync();
        var page = AssertConsentRedirect(await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s")));
        var allowed = await browser.PostPageAsync(page, "Allow");

        AssertConsentRedirect(await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s")));
        AssertConsentRedirect(await browser.Http.GetAsync(allowed.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task Authorize_SessionAndHttpsRedirect_IssuesCodeSilently()
    {
        // A PWA's https redirect reaches only its host: the session alone answers it, as before.
        using var browser = await LoggedInBrowserAsync();

        var response = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s",
            new Dictionary<string, string?> { ["prompt"] = "none" }, redirectUri: IdentityHost.PwaRedirect));

        Assert.False(string.IsNullOrEmpty(AssertRedirectTo(IdentityHost.PwaRedirect, response)["code"]));
    }

    private async Task<OidcTestClient> LoggedInBrowserAsync()
    {
        var browser = Host.CreateOidcClient();
        await browser.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        return browser;
    }

    internal static string AssertConsentRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(OidcTestClient.ConsentPath + "?", location, StringComparison.Ordinal);
        return location;
    }

    internal static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> AssertRedirectTo(string redirectUri, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(redirectUri, location.GetLeftPart(UriPartial.Path));
        return QueryHelpers.ParseQuery(location.Query);
    }
}
