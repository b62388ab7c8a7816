using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Flows;

public abstract class CodeFlowTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task CodeFlow_Employee_GetsVerifiableAccessTokenWithPermissionsAndEmail()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        var jwt = await Jwks.ValidateAsync(client.Http, tokens.AccessToken, IdentityHost.ApiAudience);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(IdentityHost.ApiAudience, Assert.Single(jwt.Audiences));
        Assert.Equal(IdentityHost.Employee, jwt.GetClaim("https://api.exampleco.com/email").Value);
        Assert.Equal(OidcTestClient.MobileClient, jwt.GetClaim("client_id").Value);
        Assert.False(string.IsNullOrEmpty(jwt.Subject));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(["create:timesheets", "delete:timesheets", "read:timesheets"], Permissions(jwt).Order());

        var scope = jwt.GetClaim("scope").Value.Split(' ');
        Assert.Contains("read:timesheets", scope);
        Assert.DoesNotContain("approve:timesheets", scope);
        Assert.True(tokens.ExpiresIn > 0);
    }

    [Fact]
    public async Task CodeFlow_TokenResponse_ListsGrantedScopesIncludingAllPermissions()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Manager, IdentityHost.DemoPassword, scope: "openid profile offline_access");

        // The manager asked for no API scope but gets all of their permissions (PRODUCT.md §2).
        Assert.Superset(new HashSet<string> { "openid", "profile", "offline_access", "read:timesheets", "create:timesheets", "delete:timesheets", "approve:timesheets" }, tokens.Scopes.ToHashSet());
        Assert.DoesNotContain("email", tokens.Scopes);
        Assert.NotNull(tokens.RefreshToken);
    }

    [Fact]
    public async Task CodeFlow_IdToken_CarriesProfileClaimsAndNonce()
    {
        using var client = Host.CreateOidcClient();
        var pkce = OidcTestClient.Pkce.New();
        var redirect = await client.AuthorizeAsync(OidcTestClient.AuthorizeUrl(pkce, "st-42"), IdentityHost.Contractor, IdentityHost.DemoPassword);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        Assert.Equal("st-42", query["state"].ToString());
        Assert.Equal(IdentityHost.Issuer, query["iss"].ToString());

        var tokens = await OidcTestClient.ExpectTokensAsync(await client.RedeemCodeAsync(query["code"]!, pkce.Verifier));
        var idToken = await Jwks.ValidateAsync(client.Http, tokens.IdToken!, OidcTestClient.MobileClient);
        Assert.Equal("nonce-st-42", idToken.GetClaim("nonce").Value);
        Assert.Equal("Carl Contractor", idToken.GetClaim("name").Value);
        Assert.Equal(IdentityHost.Contractor, idToken.GetClaim("email").Value);
        Assert.Equal("true", idToken.GetClaim("email_verified").Value);
        Assert.True(idToken.TryGetClaim("updated_at", out _));
        Assert.True(idToken.TryGetClaim("auth_time", out _));
        Assert.True(idToken.GetPayloadValue<bool>(ContractorClaim));
    }

    [Fact]
    public async Task CodeFlow_Employee_IdTokenAndUserinfoSayNothingOfContractor()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        var idToken = await Jwks.ValidateAsync(client.Http, tokens.IdToken!, OidcTestClient.MobileClient);
        Assert.Equal("Emma Employee", idToken.GetClaim("name").Value);
        Assert.False(idToken.TryGetClaim(ContractorClaim, out _));
        Assert.False((await UserinfoAsync(client, tokens.AccessToken)).TryGetProperty(ContractorClaim, out _));
    }

    [Fact]
    public async Task Userinfo_Contractor_SaysContractorWithTheProfileScopeOnly()
    {
        using var client = Host.CreateOidcClient();
        var withProfile = await client.LoginAsync(IdentityHost.Contractor, IdentityHost.DemoPassword);
        Assert.True((await UserinfoAsync(client, withProfile.AccessToken)).GetProperty(ContractorClaim).GetBoolean());

        using var other = Host.CreateOidcClient();
        var withoutProfile = await other.LoginAsync(IdentityHost.Contractor, IdentityHost.DemoPassword, scope: "openid email");
        var idToken = await Jwks.ValidateAsync(other.Http, withoutProfile.IdToken!, OidcTestClient.MobileClient);
        Assert.False(idToken.TryGetClaim(ContractorClaim, out _));
        Assert.False((await UserinfoAsync(other, withoutProfile.AccessToken)).TryGetProperty(ContractorClaim, out _));
    }

    private const string ContractorClaim = "https://api.exampleco.com/contractor";

    private static async Task<JsonElement> UserinfoAsync(OidcTestClient client, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task CodeFlow_WithoutOfflineAccess_GivesNoRefreshToken()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword, scope: "openid profile");
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task CodeFlow_CliOnAnyLoopbackPort_IsAccepted()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword,
            clientId: OidcTestClient.CliClient, redirectUri: "http://127.0.0.1:49152/callback");
        Assert.NotNull(tokens.RefreshToken);
    }

    [Fact]
    public async Task Token_JsonBodyWithAudience_IsAcceptedLikeAuth0()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.PostAsJsonAsync("/oauth/token", new
        {
            grant_type = "client_credentials",
            client_id = OidcTestClient.ImportClient,
            client_secret = IdentityHost.ImportSecret,
            audience = IdentityHost.ApiAudience,
        });

        var tokens = await OidcTestClient.ExpectTokensAsync(response);
        var jwt = await Jwks.ValidateAsync(client.Http, tokens.AccessToken, IdentityHost.ApiAudience);
        Assert.Equal(["batch:upload"], Permissions(jwt));
    }

    [Fact]
    public async Task Token_MalformedJsonBody_IsOAuthInvalidRequest()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.PostAsync("/oauth/token", new StringContent("{\"grant_type\": ", System.Text.Encoding.UTF8, "application/json"));
        var error = await OidcTestClient.ExpectErrorAsync(response);
        Assert.Equal((400, "invalid_request"), (error.Status, error.Error));
    }

    [Fact]
    public async Task ClientCredentials_MachineClient_GetsOnlyBatchUpload()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());

        Assert.Equal(["batch:upload"], tokens.Scopes);
        Assert.Null(tokens.RefreshToken);
        var jwt = await Jwks.ValidateAsync(client.Http, tokens.AccessToken, IdentityHost.ApiAudience);
        Assert.Equal(OidcTestClient.ImportClient, jwt.Subject);
        Assert.Equal(OidcTestClient.ImportClient, jwt.GetClaim("client_id").Value);
        Assert.Equal(["batch:upload"], Permissions(jwt));
    }

    [Fact]
    public async Task Userinfo_WithAccessToken_ReturnsProfileAndEmail()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Manager, IdentityHost.DemoPassword);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Maria Manager", claims.GetProperty("name").GetString());
        Assert.Equal(IdentityHost.Manager, claims.GetProperty("email").GetString());
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
    }

    [Fact]
    public async Task Revocation_OfRefreshToken_MakesItUnusable()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        var revoke = await client.Http.PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = OidcTestClient.MobileClient,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var error = await OidcTestClient.ExpectErrorAsync(await client.RefreshAsync(tokens.RefreshToken!));
        Assert.Equal("invalid_grant", error.Error);
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1013);
    }

    [Fact]
    public async Task Logout_WithRegisteredReturnTo_EndsSessionAndRedirects()
    {
        using var client = Host.CreateOidcClient();
        await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        // No id_token_hint: nothing proves the user's own app sent them, so they confirm first.
        var request = await client.Http.GetAsync("/v2/logout?client_id=timesheets-mobile&returnTo=" +
            Uri.EscapeDataString("com.exampleco.timesheets:/logout"));
        Assert.StartsWith("/account/logout?", request.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var confirmed = await client.PostPageAsync(request.Headers.Location!.OriginalString, handler: null);
        var logout = await client.Http.GetAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("com.exampleco.timesheets:/logout", logout.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The session is gone: a silent authorization now answers login_required.
        var silent = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s", new Dictionary<string, string?> { ["prompt"] = "none" }));
        Assert.Equal("login_required", QueryHelpers.ParseQuery(silent.Headers.Location!.Query)["error"].ToString());
    }

    [Fact]
    public async Task Authorize_PromptNoneWithoutSession_AnswersLoginRequiredAtOnce()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s9", new Dictionary<string, string?> { ["prompt"] = "none" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(OidcTestClient.MobileRedirect, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("login_required", query["error"].ToString());
        Assert.Equal("s9", query["state"].ToString());
    }

    [Fact]
    public async Task Authorize_PromptNoneWithSession_IssuesCodeSilently()
    {
        using var client = Host.CreateOidcClient();
        await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        // An https (PWA) redirect: a native one needs the consent page (NativeConsentTests).
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s",
            new Dictionary<string, string?> { ["prompt"] = "none" }, redirectUri: IdentityHost.PwaRedirect));
        Assert.StartsWith(IdentityHost.PwaRedirect, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"]));
    }

    [Fact]
    public async Task Authorize_PromptLoginWithSession_ShowsLoginPageAgain()
    {
        using var client = Host.CreateOidcClient();
        await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s", new Dictionary<string, string?> { ["prompt"] = "login" }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("prompt%3Dlogin", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    internal static List<string> Permissions(Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt) =>
        [.. jwt.Claims.Where(c => c.Type == "permissions").Select(c => c.Value)];
}
