using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.BasicOp;

/// <summary>The happy path and the ID token: oidcc-server and the ID token signature modules.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class ServerTests(ConformanceFixture fixture)
{
    [Fact]
    [Trait("module", "oidcc-server")]
    public async Task Server_CodeFlowWithPkce_ReturnsCodeStateIssAndValidIdToken()
    {
        using var browser = fixture.NewBrowser();

        var flow = await browser.CodeFlowAsync("openid profile email");

        // Everything CodeFlowAsync checked (state, iss, signature, iss/aud/exp/iat/nonce/at_hash), plus:
        Assert.Equal(flow.IdToken.Subject, new JsonWebToken(flow.Tokens.AccessToken).Subject);
        Assert.True(flow.Tokens.ExpiresIn > 0);
        Assert.True(flow.IdToken.TryGetPayloadValue<long>("auth_time", out _), "auth_time is missing.");
    }

    [Fact]
    [Trait("module", "oidcc-server")]
    public async Task Server_TokenResponse_IsUncacheableJsonBearer()
    {
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var authorization = await browser.CompleteAuthorizationAsync(Op.AuthorizeUrl(pkce, state));

        var response = await browser.RedeemCodeAsync(authorization.Code!, pkce.Verifier);

        // RFC 6749 §5.1: JSON, never cached, token_type Bearer (case-insensitive), a positive expires_in.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store is missing.");
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bearer", body.GetProperty("token_type").GetString()!.ToLowerInvariant());
        Assert.True(body.GetProperty("expires_in").GetInt64() > 0);
    }

    [Fact]
    [Trait("module", "oidcc-idtoken-signature")]
    public async Task IdTokenSignature_SignedWithPublishedKid_VerifiesAndTamperingFails()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();

        var jwks = System.Text.Json.JsonDocument.Parse(await browser.Http.GetStringAsync("/.well-known/jwks.json"));
        var kids = jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(flow.IdToken.Kid, kids);

        // A flipped payload must no longer verify against the published key.
        var parts = flow.Tokens.IdToken!.Split('.');
        var tampered = $"{parts[0]}.{parts[1][..^2]}{(parts[1][^2] == 'A' ? 'B' : 'A')}{parts[1][^1]}.{parts[2]}";
        await Assert.ThrowsAsync<InvalidOperationException>(() => Jwks.ValidateAsync(browser.Http, tampered, Op.Mobile));
    }

    [Fact]
    [Trait("module", "oidcc-idtoken-rs256")]
    public async Task IdTokenRs256_IdToken_IsSignedWithRs256()
    {
        using var browser = fixture.NewBrowser();

        var flow = await browser.CodeFlowAsync();

        Assert.Equal("RS256", flow.IdToken.Alg);
        Assert.Equal("RS256", (await Jwks.DiscoveryAsync(browser.Http)).GetProperty("id_token_signing_alg_values_supported")
            .EnumerateArray().Select(a => a.GetString()).First(a => a == "RS256"));
    }

    [Fact]
    [Trait("module", "oidcc-idtoken-unsigned")]
    public async Task IdTokenUnsigned_NotAdvertisedAndNeverIssued()
    {
        // The module needs a client registered for alg "none"; a static client cannot ask for one, so the
        // OP must neither advertise "none" nor ever issue an unsigned ID token.
        using var browser = fixture.NewBrowser();
        var algorithms = (await Jwks.DiscoveryAsync(browser.Http)).GetProperty("id_token_signing_alg_values_supported")
            .EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.DoesNotContain("none", algorithms);

        var flow = await browser.CodeFlowAsync();
        Assert.NotEqual("none", flow.IdToken.Alg);
        Assert.False(string.IsNullOrEmpty(flow.Tokens.IdToken!.Split('.')[2]), "The ID token has no signature.");
    }

    [Fact]
    [Trait("module", "oidcc-response-type-missing")]
    public async Task ResponseTypeMissing_Authorize_IsRefusedWithoutCode()
    {
        using var browser = fixture.NewBrowser();
        var state = Op.RandomState();
        var url = Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state, extra: Op.Params(("response_type", null)));

        var response = await browser.Http.GetAsync(url);

        // Either an error page or an error sent to the (registered) redirect URI; never a code or the login page.
        if (response.Headers.Location is { } location && !Op.StaysOnServer(location))
        {
            Op.AssertErrorResponse(AuthorizationResponse.From(location), state, "invalid_request", "unsupported_response_type");
        }
        else
        {
            await Op.AssertErrorPageAsync(response);
        }
    }

    [Fact]
    [Trait("module", "oidcc-ensure-request-without-nonce-succeeds-for-code-flow")]
    public async Task RequestWithoutNonce_CodeFlow_SucceedsAndIdTokenHasNoNonce()
    {
        using var browser = fixture.NewBrowser();

        var flow = await browser.CodeFlowAsync(extra: Op.Params(("nonce", null)));

        Assert.False(flow.IdToken.TryGetPayloadValue<string>("nonce", out _));
    }

    [Fact]
    [Trait("module", "oidcc-ensure-request-with-valid-pkce-succeeds")]
    public async Task ValidPkce_S256_Succeeds()
    {
        using var browser = fixture.NewBrowser();

        var flow = await browser.CodeFlowAsync();

        Assert.NotNull(flow.Tokens.AccessToken);
    }

    [Fact]
    [Trait("module", "oidcc-ensure-post-request-succeeds")]
    public async Task PostRequest_AuthorizeByFormPost_Succeeds()
    {
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var form = new Dictionary<string, string>
        {
            ["client_id"] = Op.Mobile,
            ["response_type"] = "code",
            ["redirect_uri"] = Op.MobileRedirect,
            ["scope"] = "openid",
            ["state"] = state,
            ["nonce"] = "nonce-" + state,
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        };

        var first = await browser.Http.PostAsync("/authorize", new FormUrlEncodedContent(form));
        Op.AssertLoginPage(first);
        var login = await browser.PostLoginAsync(first.Headers.Location!.OriginalString, Op.User, Op.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var back = await browser.Http.GetAsync(login.Headers.Location!.OriginalString);
        var authorization = AuthorizationResponse.From(back.Headers.Location!);

        Op.AssertSuccessfulAuthorization(authorization, state);
        var tokens = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(authorization.Code!, pkce.Verifier));
        await Op.ValidateIdTokenAsync(browser.Http, tokens.IdToken, "nonce-" + state, tokens.AccessToken);
    }
}
