using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.BasicOp;

/// <summary>The userinfo modules: GET, POST with the header, POST with the token in the body, and bad tokens.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class UserinfoTests(ConformanceFixture fixture)
{
    [Fact]
    [Trait("module", "oidcc-userinfo-get")]
    public async Task UserinfoGet_BearerHeader_ReturnsJsonWithIdTokenSubject()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid profile email");

        var response = await Op.UserinfoGetAsync(browser.Http, flow.Tokens.AccessToken);

        await AssertUserinfoAsync(response, flow);
    }

    [Fact]
    [Trait("module", "oidcc-userinfo-post-header")]
    public async Task UserinfoPostHeader_BearerHeader_ReturnsJsonWithIdTokenSubject()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid profile email");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/userinfo")
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", flow.Tokens.AccessToken);

        var response = await browser.Http.SendAsync(request);

        await AssertUserinfoAsync(response, flow);
    }

    [Fact]
    [Trait("module", "oidcc-userinfo-post-body")]
    public async Task UserinfoPostBody_AccessTokenFormParameter_ReturnsJsonWithIdTokenSubject()
    {
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync("openid profile email");

        // RFC 6750 §2.2: the form-encoded body parameter.
        var response = await browser.Http.PostAsync("/userinfo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["access_token"] = flow.Tokens.AccessToken,
        }));

        await AssertUserinfoAsync(response, flow);
    }

    [Fact]
    [Trait("module", "oidcc-userinfo-rs256")]
    public async Task UserinfoRs256_StaticClient_AnswersPlainJson()
    {
        // The module needs userinfo_signed_response_alg registered for the client, which a static client
        // cannot do; the OP answers plain JSON, which is what such a client must then get.
        using var browser = fixture.NewBrowser();
        var flow = await browser.CodeFlowAsync();

        var response = await Op.UserinfoGetAsync(browser.Http, flow.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [Trait("module", "oidcc-userinfo-get")]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwiaXNzIjoiaHR0cDovL2xvY2FsaG9zdC8ifQ.")]
    public async Task Userinfo_InvalidAccessToken_Is401WithInvalidTokenChallenge(string token)
    {
        using var browser = fixture.NewBrowser();

        var response = await Op.UserinfoGetAsync(browser.Http, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("module", "oidcc-userinfo-get")]
    public async Task Userinfo_NoToken_Is401WithBearerChallenge()
    {
        using var browser = fixture.NewBrowser();

        var response = await browser.Http.GetAsync("/userinfo");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    [Trait("module", "oidcc-userinfo-get")]
    public async Task Userinfo_MachineClientToken_IsRefused()
    {
        // A client-credentials token has no user behind it: userinfo has nothing to say about it.
        using var browser = fixture.NewBrowser();
        var machine = await OidcTestClient.ExpectTokensAsync(await browser.ClientCredentialsAsync());

        var response = await Op.UserinfoGetAsync(browser.Http, machine.AccessToken);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
            $"Expected 401/403, got {(int)response.StatusCode}");
    }

    private static async Task AssertUserinfoAsync(HttpResponseMessage response, FlowResult flow)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>();
        // OIDC Core §5.3.2: sub MUST equal the ID token's sub.
        Assert.Equal(flow.IdToken.Subject, claims.GetProperty("sub").GetString());
        Assert.Equal(Op.User, claims.GetProperty("email").GetString());
        Assert.False(string.IsNullOrEmpty(claims.GetProperty("name").GetString()));
    }
}
