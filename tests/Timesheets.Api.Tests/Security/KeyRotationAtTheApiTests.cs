using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Security;

/// <summary>
/// rotate-keys and revoke-key seen from the API: a real Identity host that reloads its key ring every
/// second (<c>Keys:ReloadInterval</c>) and a real API that refetches the JWKS every second
/// (<c>Auth:KeysRefreshInterval</c>), both without restart. Each test has hosts of its own, since
/// revoking the shared fixture's key would break every other test's tokens.
/// </summary>
public abstract class KeyRotationAtTheApiTests(string provider)
{
    private static readonly Dictionary<string, string?> FastReload = new() { ["Keys:ReloadInterval"] = "00:00:01" };
    private static readonly Dictionary<string, string?> FastRefresh = new() { ["Auth:KeysRefreshInterval"] = "00:00:01" };

    [Fact]
    public async Task RevokedKey_TokensItSigned_AreRefusedByTheApi_OnceItHasRefreshedItsKeys()
    {
        await using var identity = new IdentityHost(await TestDatabase.CreateAsync(provider, "revoke-idp"), FastReload);
        await using var api = new ApiHost(identity, await TestDatabase.CreateAsync(provider, "revoke-api"), FastRefresh);
        var stolen = await LoginAsync(identity);
        await (await GetAsync(api, stolen)).AssertStatusAsync(HttpStatusCode.OK); // the API has fetched the key and accepts its tokens

        Assert.True(await IdentityKeys.RevokeAsync(identity, new JsonWebToken(stolen).Kid));

        var refused = await Eventually.ReturnsAsync(() => GetAsync(api, stolen), r => r.StatusCode == HttpStatusCode.Unauthorized, "the API refuses the revoked key's token");
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        // The control: a token of the key that replaced it is accepted, so the refusal is the revocation's.
        var fresh = await Eventually.ReturnsAsync(() => LoginAsync(identity), t => new JsonWebToken(t).Kid != new JsonWebToken(stolen).Kid, "a new key signs");
        await (await GetAsync(api, fresh)).AssertStatusAsync(HttpStatusCode.OK);
        await (await GetAsync(api, stolen)).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedKey_ApiIdleForAnInterval_RefusesTheVeryFirstRequest()
    {
        await using var identity = new IdentityHost(await TestDatabase.CreateAsync(provider, "idle-idp"), FastReload);
        await using var api = new ApiHost(identity, await TestDatabase.CreateAsync(provider, "idle-api"), FastRefresh);
        var stolen = await LoginAsync(identity);
        var kid = new JsonWebToken(stolen).Kid;
        await (await GetAsync(api, stolen)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.True(await IdentityKeys.RevokeAsync(identity, kid));
        using var issuer = identity.CreateClient();
        await Eventually.ReturnsAsync(async () => new JsonWebKeySet(await issuer.GetStringAsync("/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList(),
            kids => !kids.Contains(kid), "the issuer stops publishing the revoked key");

        // Not one request reaches the API for three of its refresh intervals: only its own timer can
        // have refetched the keys, and the first request it then sees is checked against the new ones.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var refused = await GetAsync(api, stolen);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainRotation_TheNextKeyIsKnownToTheApiBeforeItSigns_AndTokensSignedBeforeStillValidate()
    {
        await using var identity = new IdentityHost(await TestDatabase.CreateAsync(provider, "rotate-idp"), FastReload);
        await using var api = new ApiHost(identity, await TestDatabase.CreateAsync(provider, "rotate-api"), FastRefresh);
        var before = await LoginAsync(identity);
        await (await GetAsync(api, before)).AssertStatusAsync(HttpStatusCode.OK);

        // As rotate-keys does with Keys:NextKeyDelay, only shorter: published now, signing in 4 s, while
        // the API refetches the JWKS every second.
        var next = await IdentityKeys.RotateAsync(identity, TimeSpan.FromSeconds(4));
        var after = await Eventually.ReturnsAsync(
            async () =>
            {
                await (await GetAsync(api, before)).AssertStatusAsync(HttpStatusCode.OK);
                return await LoginAsync(identity);
            },
            t => new JsonWebToken(t).Kid == next,
            "the next key signs");

        // First sight of the new key's token: accepted without a retry, since the key was published before
        // it signed; and the previous key's token, still in the JWKS, is accepted after the refresh too.
        await (await GetAsync(api, after)).AssertStatusAsync(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await (await GetAsync(api, before)).AssertStatusAsync(HttpStatusCode.OK);
        await (await GetAsync(api, after)).AssertStatusAsync(HttpStatusCode.OK);
    }

    private static async Task<string> LoginAsync(IdentityHost identity)
    {
        using var client = identity.CreateOidcClient();
        return (await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).AccessToken;
    }

    private static async Task<HttpResponseMessage> GetAsync(ApiHost api, string token)
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return await client.GetAsync("/timesheets");
    }
}

public sealed class SqliteKeyRotationAtTheApiTests() : KeyRotationAtTheApiTests("Sqlite");

public sealed class PostgresKeyRotationAtTheApiTests() : KeyRotationAtTheApiTests("Postgres");
