using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.BasicOp;

/// <summary>Optional request parameters an OP must accept (or ignore), and request objects.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class RequestParameterTests(ConformanceFixture fixture)
{
    [Theory]
    [InlineData("oidcc-display-page", "display", "page")]
    [InlineData("oidcc-display-popup", "display", "popup")]
    [InlineData("oidcc-ensure-request-with-unknown-parameter-succeeds", "extra_param", "foobar")]
    [InlineData("oidcc-login-hint", "login_hint", IdentityHost.Employee)]
    [InlineData("oidcc-ui-locales", "ui_locales", "se")]
    [InlineData("oidcc-claims-locales", "claims_locales", "se")]
    [InlineData("oidcc-ensure-request-with-acr-values-succeeds", "acr_values", "1 2")]
    public async Task OptionalParameter_Sent_CodeFlowSucceeds(string module, string parameter, string value)
    {
        Assert.StartsWith("oidcc-", module, StringComparison.Ordinal);
        using var browser = fixture.NewBrowser();

        var flow = await browser.CodeFlowAsync("openid profile", Op.Params((parameter, value)));

        Assert.NotNull(flow.Tokens.AccessToken);
    }

    [Fact]
    [Trait("module", "oidcc-claims-essential")]
    public async Task ClaimsEssential_NameEssentialForUserinfo_SucceedsAndUserinfoAnswers()
    {
        using var browser = fixture.NewBrowser();
        var claimsRequest = """{"userinfo":{"name":{"essential":true}}}""";

        var flow = await browser.CodeFlowAsync("openid profile", Op.Params(("claims", claimsRequest)));

        var userinfo = await (await Op.UserinfoGetAsync(browser.Http, flow.Tokens.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(flow.IdToken.Subject, userinfo.GetProperty("sub").GetString());
        Assert.True(userinfo.TryGetProperty("name", out _), "The essential claim name is missing (profile was granted).");
    }

    [Fact]
    [Trait("module", "oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported")]
    public async Task UnsignedRequestObject_Sent_ProcessedOrRejectedAsUnsupported()
    {
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var requestObject = UnsignedRequestObject(pkce, state, includeRedirectUri: true);
        var supported = await RequestParameterSupportedAsync(browser);

        // Outer parameters as OIDC Core §6.1 requires (client_id, response_type, scope); the rest inside.
        var url = Op.AuthorizeUrl(pkce, "outer-" + state, extra: Op.Params(("request", requestObject), ("nonce", null)));
        var response = await browser.Http.GetAsync(url);
        if (!supported)
        {
            await AssertRejectedAsync(response, "outer-" + state, "request_not_supported", "invalid_request_object");
            return;
        }

        // Supported: the request object's values win (its state and nonce, not the outer ones).
        var authorization = await browser.CompleteAuthorizationAsync(url);
        Op.AssertSuccessfulAuthorization(authorization, state);
        var tokens = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(authorization.Code!, pkce.Verifier));
        await Op.ValidateIdTokenAsync(browser.Http, tokens.IdToken, "nonce-" + state, tokens.AccessToken);
    }

    [Fact]
    [Trait("module", "oidcc-ensure-request-object-with-redirect-uri")]
    public async Task RequestObjectWithRedirectUri_OnlyInsideObject_ProcessedOrRejected()
    {
        using var browser = fixture.NewBrowser();
        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var supported = await RequestParameterSupportedAsync(browser);
        var url = Op.AuthorizeUrl(pkce, state, extra: Op.Params(
            ("request", UnsignedRequestObject(pkce, state, includeRedirectUri: true)), ("redirect_uri", null), ("nonce", null)));

        if (!supported)
        {
            // Without a redirect_uri outside the (ignored) object, there is nowhere safe to send an error.
            var response = await browser.Http.GetAsync(url);
            await AssertRejectedAsync(response, state, "request_not_supported", "invalid_request_object", "invalid_request");
            return;
        }

        Op.AssertSuccessfulAuthorization(await browser.CompleteAuthorizationAsync(url), state);
    }

    [Fact]
    [Trait("module", "oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported")]
    public async Task RequestUriUnsigned_ForeignUri_RejectedAsUnsupported()
    {
        // The server advertises no request_uri fetching (PAR only, if at all), so a URL it would have to
        // fetch must be refused, never fetched (no SSRF) and never turned into a code.
        using var browser = fixture.NewBrowser();
        var discovery = await Jwks.DiscoveryAsync(browser.Http);
        Assert.False(discovery.TryGetProperty("request_uri_parameter_supported", out var flag) && flag.GetBoolean(),
            "request_uri_parameter_supported is advertised; this module would then have to fetch the object.");
        var state = Op.RandomState();
        var url = Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state,
            extra: Op.Params(("request_uri", "https://client.example.org/request.jwt")));

        var response = await browser.Http.GetAsync(url);

        await AssertRejectedAsync(response, state, "request_uri_not_supported", "invalid_request_uri", "invalid_request");
    }

    private static async Task<bool> RequestParameterSupportedAsync(OidcTestClient browser) =>
        (await Jwks.DiscoveryAsync(browser.Http)).TryGetProperty("request_parameter_supported", out var flag) && flag.GetBoolean();

    /// <summary>Refused: either an error page, or an OAuth error redirected to the registered URI; never a code or a login page.</summary>
    private static async Task AssertRejectedAsync(HttpResponseMessage response, string state, params string[] errors)
    {
        if (response.Headers.Location is { } location && !Op.StaysOnServer(location))
        {
            Op.AssertErrorResponse(AuthorizationResponse.From(location), state, errors);
        }
        else
        {
            await Op.AssertErrorPageAsync(response);
        }
    }

    private static string UnsignedRequestObject(OidcTestClient.Pkce pkce, string state, bool includeRedirectUri)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Op.Mobile,
            ["aud"] = Op.Issuer,
            ["client_id"] = Op.Mobile,
            ["response_type"] = "code",
            ["scope"] = "openid",
            ["state"] = state,
            ["nonce"] = "nonce-" + state,
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        };
        if (includeRedirectUri)
        {
            claims["redirect_uri"] = Op.MobileRedirect;
        }

        static string Encode(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        return $"{Encode(new { alg = "none" })}.{Encode(claims)}.";
    }
}
