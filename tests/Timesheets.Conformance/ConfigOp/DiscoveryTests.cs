using System.Net;
using System.Text.Json;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.ConfigOp;

/// <summary>The Config OP plan: the discovery document (OIDC Discovery §3, RFC 8414) and the JWKS.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class DiscoveryTests(ConformanceFixture fixture)
{
    [Fact]
    [Trait("module", "oidcc-discovery-endpoint-verification")]
    public async Task DiscoveryEndpoint_Document_HasEveryRequiredFieldWithValidValues()
    {
        using var browser = fixture.NewBrowser();
        var response = await browser.Http.GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // The issuer is exactly the URL the document was fetched under (OIDC Discovery §4.3).
        Assert.Equal(Op.Issuer, doc.GetProperty("issuer").GetString());

        Assert.Equal(Op.Issuer + "authorize", Url(doc, "authorization_endpoint"));
        Assert.Equal(Op.Issuer + "oauth/token", Url(doc, "token_endpoint"));
        Assert.Equal(Op.Issuer + "userinfo", Url(doc, "userinfo_endpoint"));
        Assert.Equal(Op.Issuer + ".well-known/jwks.json", Url(doc, "jwks_uri"));
        Assert.Equal(Op.Issuer + "oauth/revoke", Url(doc, "revocation_endpoint"));

        Assert.Contains("openid", Strings(doc, "scopes_supported"));
        // Code flow only: no implicit or hybrid response type is advertised (RFC 9700 §2.1.2).
        Assert.Equal(["code"], Strings(doc, "response_types_supported"));
        Assert.NotEmpty(Strings(doc, "subject_types_supported"));
        Assert.All(Strings(doc, "subject_types_supported"), t => Assert.Contains(t, new[] { "public", "pairwise" }));
        Assert.Contains("RS256", Strings(doc, "id_token_signing_alg_values_supported"));
        Assert.DoesNotContain("none", Strings(doc, "id_token_signing_alg_values_supported"));

        var grants = Strings(doc, "grant_types_supported");
        Assert.Contains("authorization_code", grants);
        Assert.Contains("refresh_token", grants);
        Assert.DoesNotContain("implicit", grants);
        Assert.DoesNotContain("password", grants);

        Assert.Equal(["S256"], Strings(doc, "code_challenge_methods_supported"));
        Assert.True(doc.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.Contains("sub", Strings(doc, "claims_supported"));
        if (doc.TryGetProperty("response_modes_supported", out _))
        {
            Assert.Contains("query", Strings(doc, "response_modes_supported"));
        }

        if (doc.TryGetProperty("claims_parameter_supported", out var claimsParameter))
        {
            Assert.True(claimsParameter.ValueKind is JsonValueKind.True or JsonValueKind.False);
        }
    }

    [Fact]
    [Trait("module", "oidcc-discovery-endpoint-verification")]
    public async Task DiscoveryEndpoint_Jwks_PublicRsaSigningKeysWithUniqueKids()
    {
        using var browser = fixture.NewBrowser();
        var response = await browser.Http.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray().ToList();

        Assert.NotEmpty(keys);
        Assert.Equal(keys.Count, keys.Select(k => k.GetProperty("kid").GetString()).Distinct().Count());
        Assert.All(keys, key =>
        {
            Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.True(key.TryGetProperty("n", out _) && key.TryGetProperty("e", out _));
            if (key.TryGetProperty("use", out var use))
            {
                Assert.Equal("sig", use.GetString());
            }

            // Never a private part of a key in a public document.
            Assert.All(new[] { "d", "p", "q", "dp", "dq", "qi", "k" }, member => Assert.False(key.TryGetProperty(member, out _), $"JWKS leaks {member}."));
        });
    }

    [Fact]
    [Trait("module", "oidcc-rp-initiated-logout-discovery-endpoint-verification")]
    public async Task LogoutDiscovery_EndSessionEndpoint_IsAdvertised()
    {
        using var browser = fixture.NewBrowser();

        var doc = await Jwks.DiscoveryAsync(browser.Http);

        Assert.Equal(Op.Issuer + "v2/logout", Url(doc, "end_session_endpoint"));
    }

    [Fact]
    [Trait("module", "rfc8628-device-authorization-metadata")]
    public async Task DeviceDiscovery_DeviceAuthorizationEndpointAndGrant_AreAdvertised()
    {
        using var browser = fixture.NewBrowser();

        var doc = await Jwks.DiscoveryAsync(browser.Http);

        // RFC 8628 §4: the endpoint in the metadata, and the grant among the supported ones (RFC 8414 §2).
        Assert.Equal(Op.Issuer + "oauth/device/code", Url(doc, "device_authorization_endpoint"));
        Assert.Contains("urn:ietf:params:oauth:grant-type:device_code", Strings(doc, "grant_types_supported"));
    }

    private static string Url(JsonElement doc, string name)
    {
        var value = doc.GetProperty(name).GetString();
        Assert.True(Uri.TryCreate(value, UriKind.Absolute, out var uri), $"{name} is not an absolute URL: {value}");
        // Under the issuer's scheme and authority (https outside tests; the test issuer is http://localhost/).
        Assert.Equal(new Uri(Op.Issuer).GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority));
        Assert.True(string.IsNullOrEmpty(uri.Fragment), $"{name} has a fragment.");
        return value!;
    }

    private static List<string> Strings(JsonElement doc, string name) =>
        doc.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList();
}
