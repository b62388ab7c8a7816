using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Attacks;

/// <summary>Each rule of the authorization server, attacked.</summary>
public abstract class ProtocolAttackTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    /// <summary>Refused on the server's own error page: no redirect, so no code, reaches the client.</summary>
    internal static async Task AssertRefusedLocallyAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains($"<code id=\"oauth-error\">{error}</code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(OidcTestClient Client, string Code, OidcTestClient.Pkce Pkce)> CodeAsync(string redirect = OidcTestClient.MobileRedirect)
    {
        var client = Host.CreateOidcClient();
        var pkce = OidcTestClient.Pkce.New();
        var location = await client.AuthorizeAsync(OidcTestClient.AuthorizeUrl(pkce, "s", redirectUri: redirect), IdentityHost.Employee, IdentityHost.DemoPassword);
        return (client, QueryHelpers.ParseQuery(location.Query)["code"].ToString(), pkce);
    }

    [Fact]
    public async Task Pkce_MissingChallenge_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(pkce: null, "s"));

        await AssertRefusedLocallyAsync(response, "invalid_request");
    }

    [Fact]
    public async Task Pkce_PlainMethod_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s",
            new Dictionary<string, string?> { ["code_challenge"] = "a-plain-verifier-of-enough-length-0123456789ab", ["code_challenge_method"] = "plain" }));

        await AssertRefusedLocallyAsync(response, "invalid_request");
    }

    [Fact]
    public async Task Pkce_WrongVerifier_IsRefused()
    {
        var (client, code, _) = await CodeAsync();
        using (client)
        {
            var error = await OidcTestClient.ExpectErrorAsync(await client.RedeemCodeAsync(code, OidcTestClient.Pkce.New().Verifier));
            Assert.Equal("invalid_grant", error.Error);
        }
    }

    [Fact]
    public async Task Pkce_MissingVerifier_IsRefused()
    {
        var (client, code, _) = await CodeAsync();
        using (client)
        {
            var error = await OidcTestClient.ExpectErrorAsync(await client.RedeemCodeAsync(code, verifier: null));
            Assert.Equal("invalid_request", error.Error);
        }
    }

    [Fact]
    public async Task Code_Replay_IsRefused()
    {
        var (client, code, pkce) = await CodeAsync();
        using (client)
        {
            await OidcTestClient.ExpectTokensAsync(await client.RedeemCodeAsync(code, pkce.Verifier));
            var replay = await OidcTestClient.ExpectErrorAsync(await client.RedeemCodeAsync(code, pkce.Verifier));
            Assert.Equal("invalid_grant", replay.Error);
        }
    }

    [Fact]
    public async Task Code_WithDifferentRedirectUriAtTokenEndpoint_IsRefused()
    {
        var (client, code, pkce) = await CodeAsync();
        using (client)
        {
            var error = await OidcTestClient.ExpectErrorAsync(await client.RedeemCodeAsync(code, pkce.Verifier, redirectUri: "com.exampleco.timesheets:/other"));
            Assert.Equal("invalid_grant", error.Error);
        }
    }

    [Theory]
    [InlineData("com.exampleco.timesheets:/callback/")]
    [InlineData("com.exampleco.timesheets:/callback?x=1")]
    [InlineData("com.exampleco.timesheets:/callbackx")]
    [InlineData("com.evil.timesheets:/callback")]
    [InlineData("https://evil.example/callback")]
    [InlineData("http://localhost:49152/callback")]
    public async Task RedirectUri_NotExactlyRegistered_IsRefusedWithoutRedirect(string redirectUri)
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s", redirectUri: redirectUri));

        // An unregistered redirect URI is never redirected to: the error is shown by the server itself.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("http://127.0.0.1:49152/other")]
    [InlineData("http://localhost:49152/callback")]
    [InlineData("https://127.0.0.1:49152/callback")]
    public async Task RedirectUri_LoopbackWithOtherPathHostOrScheme_IsRefused(string redirectUri)
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s",
            clientId: OidcTestClient.CliClient, redirectUri: redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ClientCredentials_ByPublicClient_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        // Without a secret (it has none) and with a made-up one: refused either way, no token.
        var withoutSecret = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(OidcTestClient.MobileClient, secret: null));
        Assert.Equal((400, "invalid_request"), (withoutSecret.Status, withoutSecret.Error));
        var withSecret = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(OidcTestClient.MobileClient, secret: "made-up-secret-0123456789"));
        Assert.Contains(withSecret.Error, new[] { "invalid_client", "unauthorized_client", "invalid_request" });
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsInvalidClient()
    {
        using var client = Host.CreateOidcClient();
        var error = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(secret: "not-the-secret-at-all-000"));
        Assert.Equal("invalid_client", error.Error);
    }

    [Fact]
    public async Task ClientCredentials_ScopeNotGranted_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.ClientCredentialsAsync(scope: "approve:timesheets");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_UnknownAudience_IsInvalidTarget()
    {
        using var client = Host.CreateOidcClient();
        var error = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(audience: "https://api.evil.example/"));
        Assert.Equal("invalid_target", error.Error);
    }

    [Fact]
    public async Task PasswordGrant_IsNotSupported()
    {
        using var client = Host.CreateOidcClient();
        var error = await OidcTestClient.ExpectErrorAsync(await client.TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "password",
            ["username"] = IdentityHost.Employee,
            ["password"] = IdentityHost.DemoPassword,
            ["client_id"] = OidcTestClient.MobileClient,
        }));
        Assert.Equal("unsupported_grant_type", error.Error);
    }

    [Fact]
    public async Task ImplicitFlow_IsNotSupported()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s",
            new Dictionary<string, string?> { ["response_type"] = "token" }));
        Assert.DoesNotContain("access_token", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest ||
            QueryHelpers.ParseQuery(response.Headers.Location!.Query)["error"] == "unsupported_response_type");
    }

    [Fact]
    public async Task ScopeEscalation_EmployeeAskingForApprove_DoesNotGetIt()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword, scope: "openid approve:timesheets");

        Assert.DoesNotContain("approve:timesheets", tokens.Scopes);
        var jwt = await Jwks.ValidateAsync(client.Http, tokens.AccessToken, IdentityHost.ApiAudience);
        Assert.DoesNotContain("approve:timesheets", Flows.CodeFlowTests.Permissions(jwt));
        Assert.DoesNotContain("approve:timesheets", jwt.GetClaim("scope").Value.Split(' '));
    }

    [Fact]
    public async Task ScopeEscalation_UserAppAskingForMachineScope_IsRefused()
    {
        // batch:upload belongs to machine clients: the mobile app may not even ask for it.
        using var client = Host.CreateOidcClient();
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s", scope: "openid batch:upload"));
        await AssertRefusedLocallyAsync(response, "invalid_request");
    }

    [Fact]
    public async Task Userinfo_TamperedToken_Is401InvalidToken()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        var parts = tokens.AccessToken.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace(IdentityHost.Employee, IdentityHost.Manager, StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        using var request = new HttpRequestMessage(HttpMethod.Get, "/userinfo");
        request.Headers.Authorization = new("Bearer", forged);
        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WithUnregisteredReturnTo_NeverRedirectsThere()
    {
        using var client = Host.CreateOidcClient();
        await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        var response = await client.Http.GetAsync("/v2/logout?client_id=timesheets-mobile&returnTo=" + Uri.EscapeDataString("https://evil.example/"));

        Assert.DoesNotContain("evil.example", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
