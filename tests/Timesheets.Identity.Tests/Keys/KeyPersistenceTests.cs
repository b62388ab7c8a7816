using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Identity.Keys;
using Timesheets.Identity.Oidc;
using OpenIddict.Server;

namespace Timesheets.Identity.Tests.Keys;

public sealed class KeyPersistenceTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Restart_KeepsTheSigningKey_AndIssuedTokensStayValid(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, "keys");
        string kid;
        TokenResponse tokens;
        await using (var first = new IdentityHost(database))
        {
            using var client = first.CreateOidcClient();
            tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
            kid = await KidAsync(client.Http);
        }

        await using var second = new IdentityHost(database);
        using var again = second.CreateOidcClient();

        Assert.Equal(kid, await KidAsync(again.Http));
        await Jwks.ValidateAsync(again.Http, tokens.AccessToken, IdentityHost.ApiAudience);
        // The refresh token (encrypted with the persisted encryption key) is still redeemable.
        await OidcTestClient.ExpectTokensAsync(await again.RefreshAsync(tokens.RefreshToken!));
    }

    private static async Task<string> KidAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys")[0].GetProperty("kid").GetString()!;
}

public sealed class Es256SigningTests
{
    [Fact]
    public async Task SigningAlgorithmEs256_TokensAreSignedWithAPublishedP256Key()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("es256"), new Dictionary<string, string?> { ["Identity:SigningAlgorithm"] = "ES256" });
        using var client = host.CreateOidcClient();

        var user = await client.LoginAsync(IdentityHost.Manager, IdentityHost.DemoPassword);
        var machine = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());

        var access = await Jwks.ValidateAsync(client.Http, user.AccessToken, IdentityHost.ApiAudience, algorithm: "ES256");
        await Jwks.ValidateAsync(client.Http, user.IdToken!, OidcTestClient.MobileClient, algorithm: "ES256");
        await Jwks.ValidateAsync(client.Http, machine.AccessToken, IdentityHost.ApiAudience, algorithm: "ES256");
        Assert.Equal("ES256", access.Alg);

        var keys = (await client.Http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys");
        var key = Assert.Single(keys.EnumerateArray(), k => k.GetProperty("kid").GetString() == access.Kid);
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.False(key.TryGetProperty("d", out _), "the private key must never be published");
    }
}

public sealed class InternalTokenSigningTests
{
    [Fact]
    public async Task RefreshTokens_AreSignedWithTheHmacKey_WhichIsNeverPublished()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("mac"));
        using var client = host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        var ring = host.Services.GetRequiredService<KeyRing>();
        var mac = Assert.Single(ring.InternalSigningKeys);

        // Inside its AES encryption, the refresh token carries an HMAC signature by the internal key.
        var inner = InnerToken(tokens.RefreshToken!, ring);
        Assert.Equal("HS256", inner.Alg);
        Assert.Equal(mac.Id, inner.Kid);

        // What apps and APIs verify stays RS256 under a published key; the HMAC key is published nowhere.
        Assert.Equal("RS256", (await Jwks.ValidateAsync(client.Http, tokens.AccessToken, IdentityHost.ApiAudience)).Alg);
        await Jwks.ValidateAsync(client.Http, tokens.IdToken!, OidcTestClient.MobileClient);
        var jwks = await client.Http.GetStringAsync("/.well-known/jwks.json");
        Assert.DoesNotContain(mac.Id, jwks, StringComparison.Ordinal);
        Assert.DoesNotContain("\"oct\"", jwks, StringComparison.Ordinal);
        var algorithms = (await Jwks.DiscoveryAsync(client.Http)).GetProperty("id_token_signing_alg_values_supported")
            .EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["RS256"], algorithms);

        // Rotation keeps both rules.
        var rotated = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(tokens.RefreshToken!));
        Assert.Equal("HS256", InnerToken(rotated.RefreshToken!, ring).Alg);
        Assert.Equal("RS256", (await Jwks.ValidateAsync(client.Http, rotated.AccessToken, IdentityHost.ApiAudience)).Alg);
    }

    /// <summary>
    /// An upgrade: a refresh token from a version that RSA-signed refresh tokens (simulated by a host
    /// without the HMAC credentials and the handler that picks them) is still redeemed after the upgrade.
    /// </summary>
    [Fact]
    public async Task RefreshTokenSignedWithRsaBeforeTheUpgrade_IsStillRedeemed()
    {
        var database = TestDatabase.Sqlite("mac-upgrade");
        string refreshToken;
        await using (var before = new IdentityHost(database).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<OpenIddictServerOptions>(options =>
            {
                options.Handlers.RemoveAll(handler => handler.ServiceDescriptor.ServiceType == typeof(InternalTokenSigning));
                options.SigningCredentials.RemoveAll(credentials => credentials.Key is SymmetricSecurityKey);
            }))))
        {
            using var http = before.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
            var client = new OidcTestClient(http);
            refreshToken = (await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).RefreshToken!;
            var ring = before.Services.GetRequiredService<KeyRing>();
            Assert.Equal("RS256", InnerToken(refreshToken, ring).Alg);
        }

        await using var after = new IdentityHost(database);
        using var again = after.CreateOidcClient();
        var rotated = await OidcTestClient.ExpectTokensAsync(await again.RefreshAsync(refreshToken));
        Assert.Equal("HS256", InnerToken(rotated.RefreshToken!, after.Services.GetRequiredService<KeyRing>()).Alg);
    }

    private static JsonWebToken InnerToken(string token, KeyRing ring)
    {
        var handler = new JsonWebTokenHandler();
        var decrypted = handler.DecryptToken(new JsonWebToken(token), new TokenValidationParameters
        {
            TokenDecryptionKeys = [.. ring.EncryptionKeys.Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.Material)) { KeyId = k.Id })],
        });
        return new JsonWebToken(decrypted);
    }
}
