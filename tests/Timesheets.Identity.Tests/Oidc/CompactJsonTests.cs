using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Oidc;

/// <summary>
/// Every JSON answer of the protocol endpoints is compact, as Auth0's are: checked on the raw bytes,
/// for OpenIddict's own responses and for the error bodies Timesheets writes itself.
/// </summary>
public abstract class CompactJsonTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    /// <summary>Valid JSON with no whitespace outside its strings, and an RFC 6749 JSON media type.</summary>
    internal static async Task<JsonElement> AssertCompactJsonAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var inString = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (inString && b == (byte)'\\')
            {
                i++;
                continue;
            }

            if (b == (byte)'"')
            {
                inString = !inString;
            }

            Assert.False(!inString && b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t',
                $"Whitespace at byte {i} of: {Encoding.UTF8.GetString(bytes)}");
        }

        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    [Fact]
    public async Task TokenResponse_ClientCredentials_IsCompactJson()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.ClientCredentialsAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await AssertCompactJsonAsync(response)).TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task TokenResponse_CodeAndRefresh_AreCompactJson()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.True((await AssertCompactJsonAsync(refreshed)).TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task TokenError_FromOpenIddict_IsCompactJson()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.ClientCredentialsAsync(secret: "not-the-secret-at-all-000");
        Assert.Equal("invalid_client", (await AssertCompactJsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/.well-known/openid-configuration", "issuer")]
    [InlineData("/.well-known/jwks.json", "keys")]
    public async Task Metadata_IsCompactJson(string path, string property)
    {
        using var client = Host.CreateOidcClient();
        var json = await AssertCompactJsonAsync(await client.Http.GetAsync(path));
        Assert.True(json.TryGetProperty(property, out _));
    }

    [Fact]
    public async Task Revocation_AndUserinfo_AreCompactJson()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Manager, IdentityHost.DemoPassword);

        using var userinfo = new HttpRequestMessage(HttpMethod.Get, "/userinfo");
        userinfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(IdentityHost.Manager, (await AssertCompactJsonAsync(await client.Http.SendAsync(userinfo))).GetProperty("email").GetString());

        var revoke = await client.Http.PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.RefreshToken!,
            ["client_id"] = OidcTestClient.MobileClient,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await AssertCompactJsonAsync(revoke);
    }

    [Fact]
    public async Task OwnErrorBodies_JsonBodyAndUnreadableForm_AreCompactUncachedJson()
    {
        using var client = Host.CreateOidcClient();
        var badJson = await client.Http.PostAsync("/oauth/token", new StringContent("[1]", Encoding.UTF8, "application/json"));
        var unreadableForm = await client.Http.PostAsync("/oauth/token",
            new StringContent("client_id=x&" + new string('z', 3000) + "=1", Encoding.UTF8, "application/x-www-form-urlencoded"));

        foreach (var response in new[] { badJson, unreadableForm })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_request", (await AssertCompactJsonAsync(response)).GetProperty("error").GetString());
            Assert.True(response.Headers.CacheControl?.NoStore, "RFC 6749 §5.1: token endpoint answers are not cached.");
        }
    }
}
