using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// Tokens for the Management API: a user asks for its audience through a client registered for it
/// and gets the management permissions of their roles, and only those; a token for the Timesheets
/// API never carries them; a client not registered for the Management API cannot ask for it.
/// </summary>
public abstract class ManagementTokenTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Admin_AsksForManagementApi_TokenIsForItWithManagementPermissionsOnly()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginForManagementAsync(IdentityHost.Admin, IdentityHost.DemoPassword);

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal([OidcTestClient.ManagementAudience], jwt.Audiences);
        var permissions = Permissions(jwt);
        Assert.Contains(ManagementScopes.ReadUsers, permissions);
        Assert.Contains(ManagementScopes.CreateClients, permissions);
        Assert.Equal(ManagementScopes.All.Keys.Order(), permissions.Order());
        Assert.DoesNotContain(ApiScopes.Read, tokens.Scopes);
        Assert.Contains(ManagementScopes.ReadLogs, tokens.Scopes);

        // The refreshed token is for the same API with the same permissions.
        var refreshed = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(tokens.RefreshToken!, OidcTestClient.CliClient));
        var again = new JsonWebToken(refreshed.AccessToken);
        Assert.Equal([OidcTestClient.ManagementAudience], again.Audiences);
        Assert.Equal(permissions.Order(), Permissions(again).Order());
    }

    [Fact]
    public async Task Employee_AsksForManagementApi_TokenCarriesNoManagementPermission()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginForManagementAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Empty(Permissions(jwt));
        Assert.DoesNotContain(tokens.Scopes, s => ManagementScopes.All.ContainsKey(s) || ApiScopes.All.Contains(s));
    }

    [Fact]
    public async Task Admin_TokenForTimesheetsApi_CarriesNoManagementPermission()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Admin, IdentityHost.DemoPassword, clientId: OidcTestClient.CliClient,
            redirectUri: "http://127.0.0.1:49152/callback");

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal([IdentityHost.ApiAudience], jwt.Audiences);
        Assert.Contains(ApiScopes.Approve, Permissions(jwt));
        Assert.DoesNotContain(Permissions(jwt), ManagementScopes.All.ContainsKey);
    }

    [Fact]
    public async Task ImportClient_AsksForManagementApi_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        var error = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(audience: OidcTestClient.ManagementAudience));

        Assert.Equal(400, error.Status);
        Assert.Contains(error.Error, new[] { "invalid_target", "invalid_request", "unauthorized_client" });
    }

    private static List<string> Permissions(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<JsonElement>("permissions", out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(e => e.GetString()!)]
            : [];
}
