using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// APIs through <c>/api/v2/resource-servers</c>: one created at run time is usable at once, with its own
/// audience, permissions and token lifetime, and refresh tokens only when it allows offline access;
/// the system APIs keep their identifier and permissions; deleting an API withdraws it from every client.
/// </summary>
public abstract class ResourceServersTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task NewApi_MachineClientGranted_GetsAValidTokenForIt_WithItsAudScopeAndLifetime()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var identifier = $"https://api.exampleco.com/invoices-{Guid.NewGuid():N}";
        var scope = $"read:invoices-{Guid.NewGuid():N}"[..30];
        var api = await CreateApiAsync(admin, identifier, scope, lifetime: 600);
        Assert.False(api.IsSystem);
        Assert.Equal(600, api.TokenLifetime);
        var client = await ClientsTests.CreateMachineClientAsync(admin, "Invoice robot");
        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = client.ClientId, Audience = identifier, Scope = [scope] }, HttpStatusCode.Created);

        using var oidc = Host.CreateOidcClient();
        var tokens = await OidcTestClient.ExpectTokensAsync(await oidc.ClientCredentialsAsync(client.ClientId, client.ClientSecret, audience: identifier));

        var jwt = await Jwks.ValidateAsync(oidc.Http, tokens.AccessToken, identifier);
        Assert.Equal([identifier], jwt.Audiences);
        Assert.Equal([scope], tokens.Scopes);
        Assert.Equal(600, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
        Assert.Equal(600, tokens.ExpiresIn, tolerance: 2);
        Assert.Equal([scope], Permissions(jwt));
        var created = (await admin.LogsAboutAsync(api.Id)).Single();
        Assert.Equal(identifier, created.Details!.After!.Value.GetProperty("identifier").GetString());
    }

    [Fact]
    public async Task OfflineAccess_OnlyWhenTheApiAllowsIt()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var identifier = $"https://api.exampleco.com/offline-{Guid.NewGuid():N}";
        var api = await CreateApiAsync(admin, identifier, $"use:{Guid.NewGuid():N}", lifetime: null);
        Assert.False(api.AllowOfflineAccess);
        var app = await admin.ExpectAsync<ClientResponse>(HttpMethod.Post, "/api/v2/clients", new ClientCreateRequest
        {
            Name = "Offline app", AppType = AppTypes.Native, Callbacks = ["http://127.0.0.1/callback"],
        }, HttpStatusCode.Created);
        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = app.ClientId, Audience = identifier, Scope = [] }, HttpStatusCode.Created);

        var without = await LoginAsync(app.ClientId, identifier);
        Assert.Null(without.RefreshToken);
        Assert.DoesNotContain("offline_access", without.Scopes);
        Assert.Equal([identifier], new JsonWebToken(without.AccessToken).Audiences);

        await admin.ExpectAsync<ResourceServerResponse>(HttpMethod.Patch, $"/api/v2/resource-servers/{api.Id}",
            new ResourceServerUpdateRequest { AllowOfflineAccess = true });
        var with = await LoginAsync(app.ClientId, identifier);
        Assert.NotNull(with.RefreshToken);
        Assert.Contains("offline_access", with.Scopes);
        var change = (await admin.LogsAboutAsync(api.Id))[0];
        Assert.False(change.Details!.Before!.Value.GetProperty("allow_offline_access").GetBoolean());
        Assert.True(change.Details.After!.Value.GetProperty("allow_offline_access").GetBoolean());
    }

    [Fact]
    public async Task SystemApis_ListedFirst_IdentifierAndPermissionsFixed_NeverDeleted()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var apis = await admin.ExpectAsync<List<ResourceServerResponse>>(HttpMethod.Get, "/api/v2/resource-servers");
        var timesheets = apis.Single(a => a.Identifier == IdentityHost.ApiAudience);
        Assert.True(timesheets.IsSystem);
        Assert.Contains(timesheets.Scopes, s => s.Value == ApiScopes.Approve);
        Assert.True(apis.Single(a => a.Identifier == OidcTestClient.ManagementAudience).IsSystem);
        var byIdentifier = await admin.ExpectAsync<ResourceServerResponse>(HttpMethod.Get,
            "/api/v2/resource-servers/" + Uri.EscapeDataString(IdentityHost.ApiAudience));
        Assert.Equal(timesheets.Id, byIdentifier.Id);

        await admin.ExpectProblemAsync(HttpMethod.Delete, $"/api/v2/resource-servers/{timesheets.Id}", null, HttpStatusCode.Conflict);
        await admin.ExpectProblemAsync(HttpMethod.Patch, $"/api/v2/resource-servers/{timesheets.Id}",
            new ResourceServerUpdateRequest { Identifier = "https://api.exampleco.com/other" }, HttpStatusCode.BadRequest);
        await admin.ExpectProblemAsync(HttpMethod.Patch, $"/api/v2/resource-servers/{timesheets.Id}",
            new ResourceServerUpdateRequest { Scopes = [new ResourceServerScope { Value = ApiScopes.Read }] }, HttpStatusCode.Conflict);
        var renamed = await admin.ExpectAsync<ResourceServerResponse>(HttpMethod.Patch, $"/api/v2/resource-servers/{timesheets.Id}",
            new ResourceServerUpdateRequest { Name = "Timesheets API" });
        Assert.Equal(timesheets.Scopes.Count, renamed.Scopes.Count);
    }

    [Theory]
    [InlineData("""{"identifier":"not a uri","name":"X"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x#frag","name":"X"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x","name":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x","name":"X","token_lifetime":86400}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x","name":"X","token_lifetime":5}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x","name":"X","scopes":[{"value":"has space"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x","name":"X","scopes":[{"value":"offline_access"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x","name":"X","scopes":[{"value":"a"},{"value":"a"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x","name":"X","scopes":[{"value":"read:timesheets"}]}""", HttpStatusCode.Conflict)]
    [InlineData("""{"identifier":"https://api.exampleco.com/timesheets","name":"X"}""", HttpStatusCode.Conflict)]
    [InlineData("""{"identifier":"https://api.exampleco.com/x","name":"X","token_lifetime":"60"}""", HttpStatusCode.BadRequest)]
    public async Task Create_BadInput_4xx_NothingStored(string body, HttpStatusCode status)
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var before = (await admin.ExpectAsync<List<ResourceServerResponse>>(HttpMethod.Get, "/api/v2/resource-servers")).Count;

        await admin.ExpectProblemAsync(HttpMethod.Post, "/api/v2/resource-servers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), status);

        Assert.Equal(before, (await admin.ExpectAsync<List<ResourceServerResponse>>(HttpMethod.Get, "/api/v2/resource-servers")).Count);
    }

    [Fact]
    public async Task Delete_ApiGoneFromClientsAndTokens_PermissionsToo()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var identifier = $"https://api.exampleco.com/gone-{Guid.NewGuid():N}";
        var scope = $"gone:{Guid.NewGuid():N}";
        var api = await CreateApiAsync(admin, identifier, scope, lifetime: null);
        var client = await ClientsTests.CreateMachineClientAsync(admin, "Orphan");
        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = client.ClientId, Audience = identifier, Scope = [scope] }, HttpStatusCode.Created);

        using (var response = await admin.SendAsync(HttpMethod.Delete, $"/api/v2/resource-servers/{api.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Empty(await admin.ExpectAsync<List<ClientGrantResponse>>(HttpMethod.Get, $"/api/v2/client-grants?client_id={client.ClientId}"));
        using var oidc = Host.CreateOidcClient();
        var refused = await OidcTestClient.ExpectErrorAsync(await oidc.ClientCredentialsAsync(client.ClientId, client.ClientSecret, audience: identifier));
        Assert.Equal("invalid_target", refused.Error);
        // The permission name is free again: a new API may use it.
        await CreateApiAsync(admin, identifier + "-2", scope, lifetime: null);
        var deleted = (await admin.LogsAboutAsync(api.Id))[0];
        Assert.Null(deleted.Details!.After);
    }

    [Fact]
    public async Task Update_PermissionsReplaced_RemovedOnesLeaveClients()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var identifier = $"https://api.exampleco.com/edit-{Guid.NewGuid():N}";
        var first = $"first:{Guid.NewGuid():N}";
        var second = $"second:{Guid.NewGuid():N}";
        var api = await CreateApiAsync(admin, identifier, first, lifetime: null);
        var client = await ClientsTests.CreateMachineClientAsync(admin, "Editor");
        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = client.ClientId, Audience = identifier, Scope = [first] }, HttpStatusCode.Created);

        var updated = await admin.ExpectAsync<ResourceServerResponse>(HttpMethod.Patch, $"/api/v2/resource-servers/{api.Id}", new ResourceServerUpdateRequest
        {
            Name = "Edited", TokenLifetime = 300, Scopes = [new ResourceServerScope { Value = second, Description = "The second" }],
        });

        Assert.Equal([second], updated.Scopes.Select(s => s.Value));
        Assert.Equal(300, updated.TokenLifetime);
        Assert.Empty(Assert.Single(await admin.ExpectAsync<List<ClientGrantResponse>>(HttpMethod.Get, $"/api/v2/client-grants?client_id={client.ClientId}")).Scope);
        await admin.ExpectProblemAsync(HttpMethod.Patch, "/api/v2/resource-servers/no-such-api", new ResourceServerUpdateRequest { Name = "X" }, HttpStatusCode.NotFound);
    }

    private static Task<ResourceServerResponse> CreateApiAsync(ManagementCalls admin, string identifier, string scope, int? lifetime) =>
        admin.ExpectAsync<ResourceServerResponse>(HttpMethod.Post, "/api/v2/resource-servers", new ResourceServerCreateRequest
        {
            Identifier = identifier, Name = "Invoices", TokenLifetime = lifetime, Scopes = [new ResourceServerScope { Value = scope, Description = "Use it" }],
        }, HttpStatusCode.Created);

    /// <summary>An employee's code + PKCE login through <paramref name="clientId"/> for the API <paramref name="audience"/>, asking for offline access.</summary>
    private async Task<TokenResponse> LoginAsync(string clientId, string audience)
    {
        using var browser = Host.CreateOidcClient();
        const string redirect = "http://127.0.0.1:50200/callback";
        var pkce = OidcTestClient.Pkce.New();
        var url = OidcTestClient.AuthorizeUrl(pkce, "o1", new Dictionary<string, string?> { ["audience"] = audience }, clientId: clientId, redirectUri: redirect);
        var code = QueryHelpers.ParseQuery((await browser.AuthorizeAsync(url, IdentityHost.Employee, IdentityHost.DemoPassword)).Query)["code"].ToString();
        return await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(code, pkce.Verifier, clientId, redirect));
    }

    private static List<string> Permissions(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<JsonElement>("permissions", out var value) ? [.. value.EnumerateArray().Select(e => e.GetString()!)] : [];
}
