using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Flows;

public abstract class DiscoveryTests(IdentityFixture fixture)
{
    private readonly HttpClient _http = fixture.Host.CreateClient();

    [Fact]
    public async Task Discovery_Document_ListsAuth0PathsAndOnlySafeOptions()
    {
        var doc = await Jwks.DiscoveryAsync(_http);

        Assert.Equal(IdentityHost.Issuer, doc.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost/authorize", doc.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("http://localhost/oauth/token", doc.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost/oauth/revoke", doc.GetProperty("revocation_endpoint").GetString());
        Assert.Equal("http://localhost/userinfo", doc.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal("http://localhost/v2/logout", doc.GetProperty("end_session_endpoint").GetString());
        Assert.Equal("http://localhost/.well-known/jwks.json", doc.GetProperty("jwks_uri").GetString());
        Assert.Equal("http://localhost/oauth/device/code", doc.GetProperty("device_authorization_endpoint").GetString());

        Assert.Equal(["S256"], Strings(doc, "code_challenge_methods_supported"));
        Assert.Equal(["code"], Strings(doc, "response_types_supported"));
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
            Strings(doc, "grant_types_supported").Order(StringComparer.Ordinal));
        Assert.Contains("RS256", Strings(doc, "id_token_signing_alg_values_supported"));
        Assert.True(doc.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        foreach (var scope in new[] { "openid", "profile", "email", "offline_access", "read:timesheets", "approve:timesheets", "batch:upload" })
        {
            Assert.Contains(scope, Strings(doc, "scopes_supported"));
        }
    }

    [Fact]
    public async Task Jwks_PublishesOneRsaSigningKeyWithKid_AndNoPrivateParts()
    {
        var response = await _http.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keys").EnumerateArray().ToList();

        var key = Assert.Single(keys);
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.False(key.TryGetProperty("d", out _), "the private exponent must never be published");
    }

    private static List<string> Strings(JsonElement doc, string name) =>
        [.. doc.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
