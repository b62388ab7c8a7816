using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Identity.Data;
using Timesheets.Identity.Keys;

namespace Timesheets.Identity.Tests.Keys;

/// <summary>
/// rotate-keys and revoke-key (the commands call <see cref="KeyStore"/>) against running servers, which
/// reload the key ring every second here (<c>Keys:ReloadInterval</c>), with no restart.
/// </summary>
public sealed class KeyRotationTests
{
    private static readonly Dictionary<string, string?> FastReload = new() { ["Keys:ReloadInterval"] = "00:00:01" };

    [Fact]
    public async Task RotateKeys_PublishesTheNextKeyInTheJwks_BeforeItSigns()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("next"), FastReload);
        using var client = host.CreateOidcClient();
        var current = await KidOfNewTokenAsync(client);

        var next = await WithKeysAsync(host, keys => keys.RotateSigningKeyAsync("RS256", TimeSpan.FromHours(1), CancellationToken.None));

        await Eventually.ReturnsAsync(() => JwksKidsAsync(client.Http), kids => kids.Contains(next.Id), "the next key is published");
        Assert.Equal(current, await KidOfNewTokenAsync(client)); // published, but not signing for another hour
    }

    [Fact]
    public async Task RotateKeys_NextKeySignsAfterTheDelay_TokensOfThePreviousKeyStillVerify()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("rotate"), FastReload);
        using var client = host.CreateOidcClient();
        var before = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());

        var next = await WithKeysAsync(host, keys => keys.RotateSigningKeyAsync("RS256", TimeSpan.FromSeconds(2), CancellationToken.None));

        await Eventually.ReturnsAsync(() => KidOfNewTokenAsync(client), kid => kid == next.Id, "the next key signs");
        Assert.Contains(new JsonWebToken(before.AccessToken).Kid, await JwksKidsAsync(client.Http));
        await Jwks.ValidateAsync(client.Http, before.AccessToken, IdentityHost.ApiAudience);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SecondInstance_PicksUpRotationAndRevocation_WithoutRestart(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, "twohosts");
        await using var first = new IdentityHost(database, FastReload);
        await using var second = new IdentityHost(database, FastReload);
        using var firstClient = first.CreateOidcClient();
        using var secondClient = second.CreateOidcClient();
        var old = await KidOfNewTokenAsync(secondClient);

        var next = await WithKeysAsync(first, keys => keys.RotateSigningKeyAsync("RS256", TimeSpan.Zero, CancellationToken.None));
        await Eventually.ReturnsAsync(() => KidOfNewTokenAsync(secondClient), kid => kid == next.Id, "the second instance signs with the new key");

        await WithKeysAsync(first, keys => keys.RevokeAsync(old, "RS256", CancellationToken.None));
        await Eventually.ReturnsAsync(() => JwksKidsAsync(secondClient.Http), kids => !kids.Contains(old), "the second instance drops the revoked key");
    }

    [Fact]
    public async Task RevokeKey_TheKeyLeavesTheJwks_NeverSignsAgain_AndItsTokensNoLongerVerify()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("revoke"), FastReload);
        using var client = host.CreateOidcClient();
        var stolen = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());
        var kid = new JsonWebToken(stolen.AccessToken).Kid;

        Assert.NotNull(await WithKeysAsync(host, keys => keys.RevokeAsync(kid, "RS256", CancellationToken.None)));

        await Eventually.ReturnsAsync(() => JwksKidsAsync(client.Http), kids => !kids.Contains(kid), "the revoked key leaves the JWKS");
        Assert.NotEqual(kid, await KidOfNewTokenAsync(client));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Jwks.ValidateAsync(client.Http, stolen.AccessToken, IdentityHost.ApiAudience));
        Assert.Null(await WithKeysAsync(host, keys => keys.RevokeAsync("no-such-kid", "RS256", CancellationToken.None)));
    }

    [Fact]
    public async Task RevokeKey_DuringARotation_TheAlreadyPublishedNextKeySignsAtOnce()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("revoke-next"), FastReload);
        using var client = host.CreateOidcClient();
        var current = await KidOfNewTokenAsync(client);
        var next = await WithKeysAsync(host, keys => keys.RotateSigningKeyAsync("RS256", TimeSpan.FromHours(1), CancellationToken.None));

        await WithKeysAsync(host, keys => keys.RevokeAsync(current, "RS256", CancellationToken.None));

        await Eventually.ReturnsAsync(() => KidOfNewTokenAsync(client), kid => kid == next.Id, "the next key signs in place of the revoked one");
        Assert.Equal([next.Id], await JwksKidsAsync(client.Http));
    }

    [Fact]
    public async Task RetiredKey_LeavesTheJwks_OnceTheLongestTokenLifetimePlusClockSkewHasPassed()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("retire"), FastReload);
        using var client = host.CreateOidcClient();
        var old = await KidOfNewTokenAsync(client);
        var next = await WithKeysAsync(host, keys => keys.RotateSigningKeyAsync("RS256", TimeSpan.Zero, CancellationToken.None));
        await Eventually.ReturnsAsync(() => KidOfNewTokenAsync(client), kid => kid == next.Id, "the new key signs");
        Assert.Contains(old, await JwksKidsAsync(client.Http)); // its tokens (1 h access, 20 min ID) are still out there

        // Time passes: the key retired longer ago than an hour's access token plus the 5 minutes of skew.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
            var retired = await db.Keys.SingleAsync(k => k.Id == old);
            retired.RetiredAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(66);
            await db.SaveChangesAsync();
        }

        await Eventually.ReturnsAsync(() => JwksKidsAsync(client.Http), kids => kids.SequenceEqual([next.Id]), "the retired key leaves the JWKS");
    }

    private static async Task<T> WithKeysAsync<T>(IdentityHost host, Func<KeyStore, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<KeyStore>());
    }

    private static async Task<string> KidOfNewTokenAsync(OidcTestClient client) =>
        new JsonWebToken((await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync())).AccessToken).Kid;

    private static async Task<List<string>> JwksKidsAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
}
