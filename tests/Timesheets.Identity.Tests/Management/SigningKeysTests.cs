using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// <c>/api/v2/keys/signing</c> on servers of their own that reload keys every second and switch to a
/// next key at once: a rotation keeps the old tokens valid (the JWKS still has the old kid) and signs
/// new ones with the new kid; a revoked key leaves the JWKS; both are in the log.
/// </summary>
public sealed class SigningKeysTests
{
    private static readonly Dictionary<string, string?> FastKeys = new() { ["Keys:ReloadInterval"] = "00:00:01", ["Keys:NextKeyDelay"] = "00:00:00" };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Rotate_OldTokensStillVerify_NewTokensHaveTheNewKid_ThenRevokeDropsTheOldKey(string provider)
    {
        await using var host = new IdentityHost(await TestDatabase.CreateAsync(provider, "mgmt-keys"), FastKeys);
        using var admin = await ManagementCalls.ForUserAsync(host, IdentityHost.Admin);
        using var client = host.CreateOidcClient();
        var before = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());
        var oldKid = new JsonWebToken(before.AccessToken).Kid;
        var listed = await admin.ExpectAsync<List<SigningKeyResponse>>(HttpMethod.Get, "/api/v2/keys/signing");
        var current = Assert.Single(listed, k => k.Current);
        Assert.Equal(oldKid, current.Kid);
        Assert.Equal("sig", current.Use);

        var next = await admin.ExpectAsync<SigningKeyResponse>(HttpMethod.Post, "/api/v2/keys/signing/rotate", status: HttpStatusCode.Created);

        Assert.NotEqual(oldKid, next.Kid);
        await Eventually.ReturnsAsync(() => KidOfNewTokenAsync(client), kid => kid == next.Kid, "new tokens are signed with the new key");
        Assert.Contains(oldKid, await JwksKidsAsync(client.Http));
        await Jwks.ValidateAsync(client.Http, before.AccessToken, IdentityHost.ApiAudience);
        var old = await admin.ExpectAsync<SigningKeyResponse>(HttpMethod.Get, $"/api/v2/keys/signing/{oldKid}");
        Assert.True(old.Previous);
        Assert.True(old.Published);
        Assert.False(old.Current);

        var revoked = await admin.ExpectAsync<SigningKeyResponse>(HttpMethod.Put, $"/api/v2/keys/signing/{oldKid}/revoke");

        Assert.True(revoked.Revoked);
        await Eventually.ReturnsAsync(() => JwksKidsAsync(client.Http), kids => !kids.Contains(oldKid), "the revoked key leaves the JWKS");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Jwks.ValidateAsync(client.Http, before.AccessToken, IdentityHost.ApiAudience));
        await admin.ExpectProblemAsync(HttpMethod.Put, $"/api/v2/keys/signing/{oldKid}/revoke", null, HttpStatusCode.Conflict);
        await admin.ExpectProblemAsync(HttpMethod.Put, "/api/v2/keys/signing/no-such-kid/revoke", null, HttpStatusCode.NotFound);
        await admin.ExpectProblemAsync(HttpMethod.Get, "/api/v2/keys/signing/no-such-kid", null, HttpStatusCode.NotFound);

        var rotation = (await admin.LogsAboutAsync(next.Kid)).Single();
        Assert.Equal(oldKid, rotation.Details!.Before!.Value.GetProperty("kid").GetString());
        Assert.Equal(next.Kid, rotation.Details.After!.Value.GetProperty("kid").GetString());
        var revocation = (await admin.LogsAboutAsync(oldKid)).Single();
        Assert.False(revocation.Details!.Before!.Value.GetProperty("revoked").GetBoolean());
        Assert.True(revocation.Details.After!.Value.GetProperty("revoked").GetBoolean());
    }

    private static async Task<string> KidOfNewTokenAsync(OidcTestClient client) =>
        new JsonWebToken((await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync())).AccessToken).Kid;

    private static async Task<List<string>> JwksKidsAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
}
