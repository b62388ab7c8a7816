using System.Net.Http.Json;
using System.Text.Json;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.BasicOp;

/// <summary>The scope modules: claims follow the granted OIDC scopes; unsupported scopes do no harm.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class ScopeTests(ConformanceFixture fixture)
{
    // picture is left out: claims without a value are omitted (OIDC Core §5.3.2), and demo users have none.
    private static readonly string[] ProfileClaims = ["name", "nickname", "updated_at"];
    private static readonly string[] EmailClaims = ["email", "email_verified"];

    [Fact]
    [Trait("module", "oidcc-scope-profile")]
    public async Task ScopeProfile_OpenIdProfile_ReturnsProfileClaimsOnly()
    {
        var claims = await UserinfoForScopeAsync("openid profile");

        Assert.All(ProfileClaims, c => Assert.True(claims.TryGetProperty(c, out _), $"{c} is missing."));
        Assert.All(EmailClaims, c => Assert.False(claims.TryGetProperty(c, out _), $"{c} was not granted."));
    }

    [Fact]
    [Trait("module", "oidcc-scope-email")]
    public async Task ScopeEmail_OpenIdEmail_ReturnsEmailClaimsOnly()
    {
        var claims = await UserinfoForScopeAsync("openid email");

        Assert.Equal(Op.User, claims.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.True, claims.GetProperty("email_verified").ValueKind);
        Assert.All(ProfileClaims, c => Assert.False(claims.TryGetProperty(c, out _), $"{c} was not granted."));
    }

    [Theory]
    [Trait("module", "oidcc-scope-address")]
    [InlineData("address", "address")]
    public Task ScopeAddress_Unsupported_NotAdvertisedAndHandledGracefully(string scope, string claim) =>
        AssertUnsupportedScopeAsync(scope, claim);

    [Theory]
    [Trait("module", "oidcc-scope-phone")]
    [InlineData("phone", "phone_number")]
    public Task ScopePhone_Unsupported_NotAdvertisedAndHandledGracefully(string scope, string claim) =>
        AssertUnsupportedScopeAsync(scope, claim);

    [Fact]
    [Trait("module", "oidcc-scope-all")]
    public async Task ScopeAll_EverySupportedStandardScope_ReturnsAllTheirClaims()
    {
        // The module asks for every standard scope the OP advertises (address and phone are not).
        using var browser = fixture.NewBrowser();
        var supported = (await Jwks.DiscoveryAsync(browser.Http)).GetProperty("scopes_supported").EnumerateArray()
            .Select(s => s.GetString()!).ToHashSet();
        var scope = string.Join(' ', new[] { "openid", "profile", "email", "address", "phone" }.Where(supported.Contains));

        var claims = await UserinfoForScopeAsync(scope);

        Assert.All(ProfileClaims.Concat(EmailClaims), c => Assert.True(claims.TryGetProperty(c, out _), $"{c} is missing."));
    }

    [Fact]
    [Trait("module", "oidcc-ensure-other-scope-order-succeeds")]
    public async Task OtherScopeOrder_EmailBeforeOpenId_Succeeds()
    {
        var claims = await UserinfoForScopeAsync("email openid");

        Assert.Equal(Op.User, claims.GetProperty("email").GetString());
    }

    private async Task<JsonElement> UserinfoForScopeAsync(string scope)
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync(scope);
        var response = await Op.UserinfoGetAsync(browser.Http, flow.Tokens.AccessToken);
        response.EnsureSuccessStatusCode();
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(flow.IdToken.Subject, claims.GetProperty("sub").GetString());
        return claims;
    }

    /// <summary>
    /// Not advertised, so the suite would skip the module; asked anyway, the OP either ignores the scope
    /// (OIDC Core §3.1.2.1) or answers the client with invalid_scope, and never leaks such a claim.
    /// </summary>
    private async Task AssertUnsupportedScopeAsync(string scope, string claim)
    {
        using var browser = fixture.NewBrowser();
        var supported = (await Jwks.DiscoveryAsync(browser.Http)).GetProperty("scopes_supported").EnumerateArray()
            .Select(s => s.GetString()).ToList();
        Assert.DoesNotContain(scope, supported);

        var pkce = OidcTestClient.Pkce.New();
        var state = Op.RandomState();
        var url = Op.AuthorizeUrl(pkce, state, "openid " + scope);
        var first = await browser.Http.GetAsync(url);
        Assert.True(first.Headers.Location is not null,
            $"An unsupported scope stopped the user on an error page ({(int)first.StatusCode}) instead of being ignored " +
            "or answered with invalid_scope.");
        var authorization = await browser.CompleteAuthorizationAsync(url);
        if (authorization.Error is not null)
        {
            Op.AssertErrorResponse(authorization, state, "invalid_scope");
            return;
        }

        Op.AssertSuccessfulAuthorization(authorization, state);
        var tokens = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(authorization.Code!, pkce.Verifier));
        var idToken = await Op.ValidateIdTokenAsync(browser.Http, tokens.IdToken, "nonce-" + state, tokens.AccessToken);
        Assert.False(idToken.TryGetPayloadValue<object>(claim, out _));
        var userinfo = await (await Op.UserinfoGetAsync(browser.Http, tokens.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(userinfo.TryGetProperty(claim, out _));
    }
}
