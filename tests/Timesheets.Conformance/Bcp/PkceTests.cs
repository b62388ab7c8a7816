using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.Bcp;

/// <summary>RFC 9700 §2.1.1 / RFC 7636: PKCE S256 on every code request; no downgrade to none or plain.</summary>
[Collection(ConformanceCollection.Name)]
[Trait("rule", "RFC 9700 2.1.1, RFC 7636")]
public sealed class PkceTests(ConformanceFixture fixture)
{
    [Fact]
    public async Task Pkce_AuthorizeWithoutChallenge_RefusedWithoutCode()
    {
        // The first half of a downgrade: a code issued without a challenge could later be redeemed
        // with any (or no) verifier. The server requires PKCE, so no such code exists.
        using var browser = fixture.NewBrowser();
        var state = Op.RandomState();

        var response = await browser.Http.GetAsync(Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state,
            extra: Op.Params(("code_challenge", null), ("code_challenge_method", null))));

        await AssertRefusedAsync(response, state);
    }

    [Fact]
    public async Task Pkce_VerifierSentWhereNoCodeHadAChallenge_NoCodeToRedeem()
    {
        // The downgrade's second half (RFC 9700 §4.8.2): a verifier sent with a code that carried no challenge
        // must fail. Since no such code can be obtained, the token endpoint must refuse a verifier for a bogus code.
        using var browser = fixture.NewBrowser();

        var response = await browser.RedeemCodeAsync("not-a-real-code", OidcTestClient.Pkce.New().Verifier);

        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(response)).Error);
    }

    [Fact]
    public async Task Pkce_RedeemWithoutVerifier_IsRefused()
    {
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var authorization = await browser.CompleteAuthorizationAsync(Op.AuthorizeUrl(pkce, state));

        var response = await browser.RedeemCodeAsync(authorization.Code!, verifier: null);

        Assert.Contains((await OidcTestClient.ExpectErrorAsync(response)).Error, new[] { "invalid_request", "invalid_grant" });
    }

    [Fact]
    public async Task Pkce_WrongVerifier_IsInvalidGrant()
    {
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var authorization = await browser.CompleteAuthorizationAsync(Op.AuthorizeUrl(pkce, state));

        var response = await browser.RedeemCodeAsync(authorization.Code!, OidcTestClient.Pkce.New().Verifier);

        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(response)).Error);
    }

    [Fact]
    public async Task Pkce_ChallengeUsedAsVerifier_IsInvalidGrant()
    {
        // What a "plain" downgrade would accept: the challenge itself as the verifier.
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var authorization = await browser.CompleteAuthorizationAsync(Op.AuthorizeUrl(pkce, Op.RandomState()));

        var response = await browser.RedeemCodeAsync(authorization.Code!, pkce.Challenge);

        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(response)).Error);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("S512")]
    [InlineData("s256")]
    public async Task Pkce_MethodOtherThanS256_RefusedWithoutCode(string method)
    {
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var challenge = method == "plain" ? pkce.Verifier : pkce.Challenge;

        var response = await browser.Http.GetAsync(Op.AuthorizeUrl(pkce, state,
            extra: Op.Params(("code_challenge", challenge), ("code_challenge_method", method))));

        await AssertRefusedAsync(response, state);
    }

    [Fact]
    public async Task Pkce_ChallengeWithoutMethod_RefusedOrTreatedAsS256()
    {
        // RFC 7636 §4.3 defaults a missing method to "plain", which this server refuses.
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();

        var response = await browser.Http.GetAsync(Op.AuthorizeUrl(pkce, state,
            extra: Op.Params(("code_challenge", pkce.Verifier), ("code_challenge_method", null))));

        await AssertRefusedAsync(response, state);
    }

    /// <summary>Refused before any login: an error page, or invalid_request sent back to the client; never a code.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, string state)
    {
        if (response.Headers.Location is { } location && !Op.StaysOnServer(location))
        {
            Op.AssertErrorResponse(AuthorizationResponse.From(location), state, "invalid_request");
        }
        else
        {
            await Op.AssertErrorPageAsync(response);
        }
    }
}
