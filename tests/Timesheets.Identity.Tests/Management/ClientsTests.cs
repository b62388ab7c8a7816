using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// Applications through <c>/api/v2/clients</c> with an admin's real token: a machine client's secret is
/// shown once and works; after a rotation only the new one does; redirect URLs are checked; the seeded
/// applications stay as configured; every change is in the log with before and after, never a secret.
/// </summary>
public abstract class ClientsTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task MachineClient_CreatedWithAGrant_GetsTokensForTheApi_SecretShownOnlyOnce()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var created = await CreateMachineClientAsync(admin, "Payroll export");
        Assert.Equal(AppTypes.NonInteractive, created.AppType);
        Assert.Equal(["client_credentials"], created.GrantTypes);
        Assert.False(string.IsNullOrEmpty(created.ClientSecret));

        var read = await admin.ExpectAsync<ClientResponse>(HttpMethod.Get, $"/api/v2/clients/{created.ClientId}");
        Assert.Null(read.ClientSecret);
        Assert.DoesNotContain(await admin.ExpectAsync<List<ClientResponse>>(HttpMethod.Get, "/api/v2/clients"), c => c.ClientSecret is not null);

        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = created.ClientId, Audience = IdentityHost.ApiAudience, Scope = [ApiScopes.Read] }, HttpStatusCode.Created);
        using var client = Host.CreateOidcClient();
        var tokens = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync(created.ClientId, created.ClientSecret));
        var jwt = await Jwks.ValidateAsync(client.Http, tokens.AccessToken, IdentityHost.ApiAudience);
        Assert.Equal(created.ClientId, jwt.Subject);
        Assert.Equal([ApiScopes.Read], tokens.Scopes);

        // The log shows the registration and the grant; no secret anywhere in it.
        var entries = await admin.LogsAboutAsync(created.ClientId);
        var registered = Assert.Single(entries);
        Assert.Equal("sapi", registered.Type);
        Assert.Null(registered.Details!.Before);
        Assert.Equal("Payroll export", registered.Details.After!.Value.GetProperty("name").GetString());
        var everything = await admin.ExpectAsync<JsonElement>(HttpMethod.Get, "/api/v2/logs?per_page=100");
        Assert.DoesNotContain(created.ClientSecret!, everything.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateSecret_OldSecretRefused_NewSecretWorks()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var created = await CreateMachineClientAsync(admin, "Rotating job");
        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = created.ClientId, Audience = IdentityHost.ApiAudience, Scope = [ApiScopes.Read] }, HttpStatusCode.Created);
        using var client = Host.CreateOidcClient();
        await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync(created.ClientId, created.ClientSecret));

        var rotated = await admin.ExpectAsync<ClientResponse>(HttpMethod.Post, $"/api/v2/clients/{created.ClientId}/rotate-secret");

        Assert.NotEqual(created.ClientSecret, rotated.ClientSecret);
        var refused = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(created.ClientId, created.ClientSecret));
        Assert.Equal("invalid_client", refused.Error);
        await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync(created.ClientId, rotated.ClientSecret));
        var entry = (await admin.LogsAboutAsync(created.ClientId))[0];
        Assert.Contains("Rotated the secret", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(rotated.ClientSecret!, JsonSerializer.Serialize(entry, ManagementCalls.Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NativeApp_RedirectUrisEdited_LoggedWithBeforeAndAfter()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var created = await admin.ExpectAsync<ClientResponse>(HttpMethod.Post, "/api/v2/clients", new ClientCreateRequest
        {
            Name = "Field app", AppType = AppTypes.Native, Callbacks = ["com.exampleco.field:/callback"],
        }, HttpStatusCode.Created);
        Assert.Null(created.ClientSecret);
        Assert.Equal(["authorization_code", "refresh_token"], created.GrantTypes);

        var updated = await admin.ExpectAsync<ClientResponse>(HttpMethod.Patch, $"/api/v2/clients/{created.ClientId}", new ClientUpdateRequest
        {
            Callbacks = ["com.exampleco.field:/callback", "http://127.0.0.1/callback"],
            AllowedLogoutUrls = ["com.exampleco.field:/logout"],
            GrantTypes = ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
        });

        Assert.Equal(["com.exampleco.field:/callback", "http://127.0.0.1/callback"], updated.Callbacks);
        Assert.Equal("Field app", updated.Name);
        Assert.Contains("urn:ietf:params:oauth:grant-type:device_code", updated.GrantTypes);
        var change = (await admin.LogsAboutAsync(created.ClientId))[0];
        Assert.Equal(1, change.Details!.Before!.Value.GetProperty("callbacks").GetArrayLength());
        Assert.Equal(2, change.Details.After!.Value.GetProperty("callbacks").GetArrayLength());

        // The new loopback redirect works at once for a code + PKCE login.
        using var browser = Host.CreateOidcClient();
        var tokens = await browser.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword, clientId: created.ClientId,
            redirectUri: "http://127.0.0.1:50123/callback");
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
    }

    [Theory]
    [InlineData(AppTypes.Native, "http://app.exampleco.com/callback")] // plain http off loopback
    [InlineData(AppTypes.Native, "https://app.exampleco.com/callback#x")] // fragment
    [InlineData(AppTypes.Native, "myapp:/callback")] // private-use scheme that is not a reverse domain
    [InlineData(AppTypes.Native, "/callback")] // relative
    [InlineData(AppTypes.Spa, "com.exampleco.app:/callback")] // custom scheme for a browser app
    [InlineData(AppTypes.NonInteractive, "https://app.exampleco.com/callback")] // a machine has no redirect
    public async Task Create_BadRedirect_400_NothingStored(string appType, string callback)
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var before = (await admin.ExpectAsync<List<ClientResponse>>(HttpMethod.Get, "/api/v2/clients")).Count;

        var problem = await admin.ExpectProblemAsync(HttpMethod.Post, "/api/v2/clients",
            new ClientCreateRequest { Name = "Bad", AppType = appType, Callbacks = [callback] }, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("callbacks", out _));
        Assert.Equal(before, (await admin.ExpectAsync<List<ClientResponse>>(HttpMethod.Get, "/api/v2/clients")).Count);
    }

    [Theory]
    [InlineData("""{"name":"X","app_type":"desktop"}""")]
    [InlineData("""{"name":"","app_type":"spa"}""")]
    [InlineData("""{"name":"X","app_type":"spa","grant_types":["client_credentials"]}""")]
    [InlineData("""{"name":"X","app_type":"spa","callbacks":"https://a.example"}""")]
    [InlineData("""{"name":"X","app_type":"spa",""")]
    public async Task Create_BadBody_400(string body)
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        await admin.ExpectProblemAsync(HttpMethod.Post, "/api/v2/clients",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SystemClients_AreListed_NeitherEditedNorDeleted()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var clients = await admin.ExpectAsync<List<ClientResponse>>(HttpMethod.Get, "/api/v2/clients");
        Assert.All(clients.Where(c => c.ClientId.StartsWith("timesheets-", StringComparison.Ordinal)), c => Assert.True(c.IsSystem));
        Assert.Equal(AppTypes.Native, clients.Single(c => c.ClientId == OidcTestClient.MobileClient).AppType);

        await admin.ExpectProblemAsync(HttpMethod.Patch, $"/api/v2/clients/{OidcTestClient.CliClient}", new ClientUpdateRequest { Name = "Mine" }, HttpStatusCode.Conflict);
        await admin.ExpectProblemAsync(HttpMethod.Delete, $"/api/v2/clients/{OidcTestClient.ImportClient}", null, HttpStatusCode.Conflict);
        await admin.ExpectProblemAsync(HttpMethod.Post, $"/api/v2/clients/{OidcTestClient.ImportClient}/rotate-secret", null, HttpStatusCode.Conflict);
        await admin.ExpectProblemAsync(HttpMethod.Delete, "/api/v2/clients/no-such-client", null, HttpStatusCode.NotFound);
        using var client = Host.CreateOidcClient();
        await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());
    }

    [Fact]
    public async Task Delete_ClientGone_ItsSecretNoLongerWorks()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var created = await CreateMachineClientAsync(admin, "Short-lived");

        using (var response = await admin.SendAsync(HttpMethod.Delete, $"/api/v2/clients/{created.ClientId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await admin.ExpectProblemAsync(HttpMethod.Get, $"/api/v2/clients/{created.ClientId}", null, HttpStatusCode.NotFound);
        using var client = Host.CreateOidcClient();
        Assert.Equal("invalid_client", (await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(created.ClientId, created.ClientSecret))).Error);
        var deleted = (await admin.LogsAboutAsync(created.ClientId))[0];
        Assert.Null(deleted.Details!.After);
        Assert.Equal("Short-lived", deleted.Details.Before!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ClientGrants_ListChangeAndRemove_TokensFollow()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var created = await CreateMachineClientAsync(admin, "Grant juggler");
        var grant = await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = created.ClientId, Audience = IdentityHost.ApiAudience, Scope = [ApiScopes.Read] }, HttpStatusCode.Created);
        await admin.ExpectProblemAsync(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = created.ClientId, Audience = IdentityHost.ApiAudience, Scope = [] }, HttpStatusCode.Conflict);
        await admin.ExpectProblemAsync(HttpMethod.Patch, $"/api/v2/client-grants/{grant.Id}",
            new ClientGrantUpdateRequest { Scope = [ManagementScopes.ReadUsers] }, HttpStatusCode.BadRequest); // a permission of another API
        await admin.ExpectProblemAsync(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = OidcTestClient.ImportClient, Audience = OidcTestClient.ManagementAudience, Scope = [] }, HttpStatusCode.Conflict);

        var changed = await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Patch, $"/api/v2/client-grants/{grant.Id}",
            new ClientGrantUpdateRequest { Scope = [ApiScopes.Read, ApiScopes.BatchUpload] });
        Assert.Equal([ApiScopes.BatchUpload, ApiScopes.Read], changed.Scope);
        var listed = await admin.ExpectAsync<List<ClientGrantResponse>>(HttpMethod.Get, $"/api/v2/client-grants?client_id={created.ClientId}");
        Assert.Equal(grant.Id, Assert.Single(listed).Id);
        Assert.Equal(changed.Scope, listed[0].Scope);
        using var client = Host.CreateOidcClient();
        var tokens = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync(created.ClientId, created.ClientSecret));
        Assert.Equal(new HashSet<string> { ApiScopes.Read, ApiScopes.BatchUpload }, tokens.Scopes);

        using (var response = await admin.SendAsync(HttpMethod.Delete, $"/api/v2/client-grants/{grant.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Empty(await admin.ExpectAsync<List<ClientGrantResponse>>(HttpMethod.Get, $"/api/v2/client-grants?client_id={created.ClientId}"));
        var refused = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(created.ClientId, created.ClientSecret));
        Assert.Equal(400, refused.Status);
        var entries = await admin.LogsAboutAsync(grant.Id);
        Assert.Equal(3, entries.Count); // created, changed, removed
        Assert.Equal(2, entries[1].Details!.After!.Value.GetProperty("scope").GetArrayLength());
    }

    [Fact]
    public async Task ManagementApiGrant_MachineClientAdministersWithItsOwnToken()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var created = await CreateMachineClientAsync(admin, "Ops robot");
        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants", new ClientGrantCreateRequest
        {
            ClientId = created.ClientId, Audience = OidcTestClient.ManagementAudience, Scope = [ManagementScopes.ReadClients],
        }, HttpStatusCode.Created);
        using var client = Host.CreateOidcClient();
        var tokens = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync(created.ClientId, created.ClientSecret,
            audience: OidcTestClient.ManagementAudience));
        using var robot = new ManagementCalls(client.Http, tokens.AccessToken);

        Assert.NotEmpty(await robot.ExpectAsync<List<ClientResponse>>(HttpMethod.Get, "/api/v2/clients"));
        await robot.ExpectProblemAsync(HttpMethod.Get, "/api/v2/logs", null, HttpStatusCode.Forbidden);
        Assert.Equal([OidcTestClient.ManagementAudience], new JsonWebToken(tokens.AccessToken).Audiences);
    }

    internal static Task<ClientResponse> CreateMachineClientAsync(ManagementCalls admin, string name) =>
        admin.ExpectAsync<ClientResponse>(HttpMethod.Post, "/api/v2/clients",
            new ClientCreateRequest { Name = name, AppType = AppTypes.NonInteractive }, HttpStatusCode.Created);
}
