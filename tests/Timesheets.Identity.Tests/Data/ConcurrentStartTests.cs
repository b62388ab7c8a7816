using System.Net.Http.Json;
using System.Text.Json;

namespace Timesheets.Identity.Tests.Data;

public sealed class ConcurrentStartTests
{
    /// <summary>
    /// Two replicas rolled out at once on a fresh PostgreSQL database: both migrate, create keys and
    /// seed. Without the start-up lock one of them stopped with a concurrency error on the seed rows.
    /// </summary>
    [Fact]
    public async Task TwoInstancesStartingTogether_OnOneFreshPostgresDatabase_BothServeWithTheSameKey()
    {
        var database = await TestDatabase.CreateAsync("Postgres", "twostarts");
        await using var first = new IdentityHost(database);
        await using var second = new IdentityHost(database);

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        var kids = new List<string>();
        foreach (var host in new[] { first, second })
        {
            using var client = host.CreateOidcClient();
            var tokens = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());
            await Jwks.ValidateAsync(client.Http, tokens.AccessToken, IdentityHost.ApiAudience);
            var keys = (await client.Http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys");
            kids.Add(Assert.Single(keys.EnumerateArray()).GetProperty("kid").GetString()!);
        }

        Assert.Equal(kids[0], kids[1]);
    }
}
