using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.BasicOp;

/// <summary>
/// prompt, max_age and id_token_hint: when the OP must (and must not) show the login page. The suite
/// runs these with a web client's https redirect, which a session alone may answer; the native
/// redirect's extra consent step (RFC 8252 §8.6) has its own tests at the end.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class PromptAndMaxAgeTests(ConformanceFixture fixture)
{
    [Fact]
    [Trait("module", "oidcc-prompt-login")]
    public async Task PromptLogin_WithSession_ShowsLoginAgainAndAuthTimeMovesOn()
    {
        using var browser = fixture.NewBrowser();
        var first = await browser.CodeFlowAsync(redirectUri: Op.WebRedirect);
        await WaitPastSecondBoundaryAsync();

        var second = await SecondAuthorizationAsync(browser, Op.Params(("prompt", "login")), expectLogin: true);

        Assert.Equal(first.IdToken.Subject, second.IdToken.Subject);
        Assert.True(AuthTime(second.IdToken) > AuthTime(first.IdToken), "auth_time did not change after a forced login.");
    }

    [Fact]
    [Trait("module", "oidcc-prompt-none-not-logged-in")]
    public async Task PromptNone_NoSession_RedirectsLoginRequiredWithoutPage()
    {
        using var browser = fixture.NewBrowser();
        var state = Op.RandomState();

        var response = await browser.Http.GetAsync(Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state, extra: Op.Params(("prompt", "none"))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Op.AssertErrorResponse(AuthorizationResponse.From(response.Headers.Location!), state,
            "login_required", "interaction_required", "consent_required", "account_selection_required");
    }

    [Fact]
    [Trait("module", "oidcc-prompt-none-logged-in")]
    public async Task PromptNone_WithSession_IssuesCodeAtOnce()
    {
        using var browser = fixture.NewBrowser();
        var first = await browser.CodeFlowAsync(redirectUri: Op.WebRedirect);

        var second = await SecondAuthorizationAsync(browser, Op.Params(("prompt", "none")), expectLogin: false);

        Assert.Equal(first.IdToken.Subject, second.IdToken.Subject);
        Assert.Equal(AuthTime(first.IdToken), AuthTime(second.IdToken));
    }

    [Fact]
    [Trait("module", "oidcc-max-age-1")]
    public async Task MaxAge1_SessionOlderThanOneSecond_ShowsLoginAgainWithNewAuthTime()
    {
        using var browser = fixture.NewBrowser();
        var first = await browser.CodeFlowAsync(redirectUri: Op.WebRedirect);
        await WaitPastSecondBoundaryAsync();

        var second = await SecondAuthorizationAsync(browser, Op.Params(("max_age", "1")), expectLogin: true);

        // OIDC Core §3.1.2.1: with max_age, auth_time is REQUIRED in the ID token.
        Assert.True(AuthTime(second.IdToken) > AuthTime(first.IdToken), "auth_time did not change after max_age forced a login.");
    }

    [Fact]
    [Trait("module", "oidcc-max-age-10000")]
    public async Task MaxAge10000_RecentSession_NoLoginAndSameAuthTime()
    {
        using var browser = fixture.NewBrowser();
        var first = await browser.CodeFlowAsync(redirectUri: Op.WebRedirect);

        var second = await SecondAuthorizationAsync(browser, Op.Params(("max_age", "10000")), expectLogin: false);

        Assert.Equal(AuthTime(first.IdToken), AuthTime(second.IdToken));
    }

    [Fact]
    [Trait("module", "oidcc-id-token-hint")]
    public async Task IdTokenHint_WithPromptNoneAndSession_IssuesCodeForSameSubject()
    {
        using var browser = fixture.NewBrowser();
        var first = await browser.CodeFlowAsync(redirectUri: Op.WebRedirect);

        var second = await SecondAuthorizationAsync(browser,
            Op.Params(("prompt", "none"), ("id_token_hint", first.Tokens.IdToken)), expectLogin: false);

        Assert.Equal(first.IdToken.Subject, second.IdToken.Subject);
    }

    [Fact]
    [Trait("module", "oidcc-prompt-none-logged-in")]
    public async Task PromptNone_WithSessionNativeRedirect_ConsentRequiredWithoutCode()
    {
        using var browser = fixture.NewBrowser();
        await browser.CodeFlowAsync();
        var state = Op.RandomState();

        var response = await browser.Http.GetAsync(Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state, extra: Op.Params(("prompt", "none"))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Op.AssertErrorResponse(AuthorizationResponse.From(response.Headers.Location!), state, "consent_required");
    }

    [Fact]
    [Trait("module", "oidcc-max-age-10000")]
    public async Task MaxAge10000_RecentSessionNativeRedirect_ConsentPageNotCode()
    {
        using var browser = fixture.NewBrowser();
        await browser.CodeFlowAsync();

        var response = await browser.Http.GetAsync(Op.AuthorizeUrl(OidcTestClient.Pkce.New(), Op.RandomState(), extra: Op.Params(("max_age", "10000"))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(OidcTestClient.ConsentPath + "?", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>A second authorization in the same browser; checks whether the login page was shown.</summary>
    private static async Task<FlowResult> SecondAuthorizationAsync(OidcTestClient browser, Dictionary<string, string?> extra, bool expectLogin)
    {
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var url = Op.AuthorizeUrl(pkce, state, extra: extra, redirectUri: Op.WebRedirect);
        var first = await browser.Http.GetAsync(url);
        AuthorizationResponse authorization;
        if (expectLogin)
        {
            Op.AssertLoginPage(first);
            authorization = await browser.CompleteAuthorizationAsync(url);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
            Assert.False(Op.StaysOnServer(first.Headers.Location!), $"The login page was shown: {first.Headers.Location}");
            authorization = AuthorizationResponse.From(first.Headers.Location!);
        }

        Op.AssertSuccessfulAuthorization(authorization, state, Op.WebRedirect);
        var tokens = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(authorization.Code!, pkce.Verifier, redirectUri: Op.WebRedirect));
        var idToken = await Op.ValidateIdTokenAsync(browser.Http, tokens.IdToken, "nonce-" + state, tokens.AccessToken);
        if (extra.ContainsKey("max_age"))
        {
            Assert.True(idToken.TryGetPayloadValue<long>("auth_time", out _), "auth_time is REQUIRED when max_age was sent.");
        }

        return new FlowResult(authorization, tokens, idToken, pkce);
    }

    private static long AuthTime(JsonWebToken token)
    {
        Assert.True(token.TryGetPayloadValue<long>("auth_time", out var value), "auth_time is missing.");
        return value;
    }

    // auth_time has whole seconds: wait until the clock has moved past the next second.
    private static Task WaitPastSecondBoundaryAsync() => Task.Delay(TimeSpan.FromMilliseconds(2100));
}
