using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.Logout;

/// <summary>
/// The RP-initiated logout plan (OpenID Connect RP-Initiated Logout 1.0). After each logout the module
/// checks the session with a prompt=none request: login_required when logged out.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class RpInitiatedLogoutTests(ConformanceFixture fixture)
{
    // The suite uses a long state to check the OP doesn't corrupt it.
    private static readonly string LongState = new string('s', 64) + Op.RandomState() + new string('z', 40);

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout")]
    public async Task RpInitiatedLogout_HintUriAndState_RedirectsWithStateAndEndsSession()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();

        var response = await LogoutAsync(browser, ("id_token_hint", flow.Tokens.IdToken), ("post_logout_redirect_uri", Op.MobileLogoutRedirect), ("state", LongState));

        var back = AssertRedirectToClient(response);
        Assert.Equal(LongState, back.State);
        await AssertLoggedOutAsync(browser);
    }

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout")]
    public async Task RpInitiatedLogout_Auth0ReturnTo_RedirectsLikePostLogoutRedirectUri()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();

        var response = await LogoutAsync(browser, ("id_token_hint", flow.Tokens.IdToken), ("returnTo", Op.MobileLogoutRedirect), ("state", "st"));

        Assert.Equal("st", AssertRedirectToClient(response).State);
        await AssertLoggedOutAsync(browser);
    }

    [Theory]
    [InlineData("oidcc-rp-initiated-logout-bad-post-logout-redirect-uri", "https://attacker.example.org/logout")]
    [InlineData("oidcc-rp-initiated-logout-bad-post-logout-redirect-uri", Op.MobileRedirect)]
    [InlineData("oidcc-rp-initiated-logout-query-added-to-post-logout-redirect-uri", Op.MobileLogoutRedirect + "?foo=bar")]
    public async Task BadPostLogoutRedirectUri_NotRegistered_ErrorPageWithoutRedirect(string module, string uri)
    {
        Assert.StartsWith("oidcc-rp-initiated-logout-", module, StringComparison.Ordinal);
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();

        var response = await LogoutAsync(browser, ("id_token_hint", flow.Tokens.IdToken), ("post_logout_redirect_uri", uri), ("state", "st"));

        await Op.AssertErrorPageAsync(response);
    }

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout-modified-id-token-hint")]
    public async Task ModifiedIdTokenHint_AlgNone_NoRedirectToClient()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();
        var parts = flow.Tokens.IdToken!.Split('.');
        var unsigned = $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""))}.{parts[1]}.";

        var response = await LogoutAsync(browser, ("id_token_hint", unsigned), ("post_logout_redirect_uri", Op.MobileLogoutRedirect), ("state", "st"));

        AssertNoRedirectToClient(response);
    }

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout-no-id-token-hint")]
    public async Task NoIdTokenHint_PostLogoutRedirectUri_NoRedirectToClient()
    {
        // Without id_token_hint the OP cannot tell which RP asked: it must not redirect (RP-Initiated
        // Logout §2/§3), only show an error or a confirmation / logged-out page of its own.
        using var browser = fixture.NewBrowser();
        await browser.CodeFlowAsync();

        var response = await LogoutAsync(browser, ("post_logout_redirect_uri", Op.MobileLogoutRedirect), ("state", "st"));

        AssertNoRedirectToClient(response);
    }

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout-no-params")]
    public async Task NoParams_Logout_EndsSessionOnLoggedOutPage()
    {
        using var browser = fixture.NewBrowser();
        await browser.CodeFlowAsync();

        var response = await LogoutAsync(browser);

        response = await ConfirmLogoutAsync(browser, response);
        AssertServerLoggedOutPage(response);
        await AssertLoggedOutAsync(browser);
    }

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout-no-post-logout-redirect-uri")]
    public async Task NoPostLogoutRedirectUri_HintAndState_EndsSessionWithoutRedirect()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();

        var response = await LogoutAsync(browser, ("id_token_hint", flow.Tokens.IdToken), ("state", "st"));

        AssertServerLoggedOutPage(response);
        await AssertLoggedOutAsync(browser);
    }

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout-no-state")]
    public async Task NoState_HintAndUri_RedirectsWithoutState()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();

        var response = await LogoutAsync(browser, ("id_token_hint", flow.Tokens.IdToken), ("post_logout_redirect_uri", Op.MobileLogoutRedirect));

        var back = AssertRedirectToClient(response);
        Assert.Null(back.State);
        await AssertLoggedOutAsync(browser);
    }

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout-only-state")]
    public async Task OnlyState_Logout_EndsSessionWithoutRedirect()
    {
        using var browser = fixture.NewBrowser();
        await browser.CodeFlowAsync();

        var response = await LogoutAsync(browser, ("state", "st"));

        response = await ConfirmLogoutAsync(browser, response);
        AssertServerLoggedOutPage(response);
        await AssertLoggedOutAsync(browser);
    }

    private static Task<HttpResponseMessage> LogoutAsync(OidcTestClient browser, params (string Key, string? Value)[] parameters) =>
        browser.Http.GetAsync(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/v2/logout",
            parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))));

    /// <summary>
    /// Without an id_token_hint the OP asks the user first (a logout link can come from anyone): the
    /// confirmation page, whose button ends the session and goes back to the logout request.
    /// </summary>
    private static async Task<HttpResponseMessage> ConfirmLogoutAsync(OidcTestClient browser, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/logout?", page, StringComparison.Ordinal);
        var confirmed = await browser.PostPageAsync(page, handler: null);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        return await browser.Http.GetAsync(confirmed.Headers.Location!.OriginalString);
    }

    private static AuthorizationResponse AssertRedirectToClient(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = AuthorizationResponse.From(response.Headers.Location!);
        Assert.Equal(Op.MobileLogoutRedirect, back.Target);
        return back;
    }

    private static void AssertNoRedirectToClient(HttpResponseMessage response)
    {
        if (response.Headers.Location is { } location)
        {
            Assert.True(Op.StaysOnServer(location), $"Redirected off the server to {location}.");
        }
    }

    /// <summary>The OP's own "you are logged out" page (directly, or by a redirect that stays on the server).</summary>
    private static void AssertServerLoggedOutPage(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"Got {(int)response.StatusCode}.");
        AssertNoRedirectToClient(response);
    }

    private static async Task AssertLoggedOutAsync(OidcTestClient browser)
    {
        var state = Op.RandomState();
        var response = await browser.Http.GetAsync(Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state, extra: Op.Params(("prompt", "none"))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Only login_required: consent_required would mean the session is still alive (native redirect).
        Op.AssertErrorResponse(AuthorizationResponse.From(response.Headers.Location!), state, "login_required");
    }
}
