using System.Net.Http.Json;
using System.Text.Json;

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
