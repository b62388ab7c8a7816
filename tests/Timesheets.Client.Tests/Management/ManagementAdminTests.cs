using Timesheets.Client.Management;
using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Management;

/// <summary>Applications, APIs, signing keys and the log through <see cref="ManagementClient"/>.</summary>
public abstract class ManagementAdminTests(ClientFixture fixture)
{
    [Fact]
    public async Task AMachineClient_GrantedManagementPermissions_GetsItsOwnSession_UntilItsSecretIsRotated()
    {
        var api = await fixture.ManagementAsync(IdentityHost.Admin);

        var app = (await api.CreateClientAsync(new ClientCreateRequest { Name = "Reports job", AppType = AppTypes.NonInteractive })).Value!;
        var grant = await api.SetClientGrantAsync(app.ClientId, OidcTestClient.ManagementAudience, [ManagementScopes.ReadUsers]);
        var regrant = await api.SetClientGrantAsync(app.ClientId, OidcTestClient.ManagementAudience, [ManagementScopes.ReadUsers, ManagementScopes.ReadLogs]);
        var machine = await fixture.ManagementMachineAsync(app.ClientId, app.ClientSecret!);
        var script = ManagementClient.Create(ClientFixture.Authority, machine.Value!, fixture.Identity.Server.CreateHandler());
        var users = await script.ListUsersAsync();
        var refused = await script.ListClientsAsync();
        var rotated = await api.RotateClientSecretAsync(app.ClientId);
        var oldSecret = await fixture.ManagementMachineAsync(app.ClientId, app.ClientSecret!);
        var grants = await api.ListClientGrantsAsync(app.ClientId);

        Assert.False(string.IsNullOrEmpty(app.ClientSecret));
        Assert.True(grant.IsSuccess, grant.Problem?.Message);
        Assert.Equal(grant.Value!.Id, regrant.Value!.Id);
        Assert.True(users.Value!.Total >= 4);
        Assert.Equal(ProblemKind.Forbidden, refused.Problem!.Kind);
        Assert.NotEqual(app.ClientSecret, rotated.Value!.ClientSecret);
        Assert.Equal(ProblemKind.LoginRequired, oldSecret.Problem!.Kind);
        Assert.Equal([ManagementScopes.ReadLogs, ManagementScopes.ReadUsers], Assert.Single(grants.Value!).Scope.Order(StringComparer.Ordinal));
        Assert.True((await api.DeleteClientAsync(app.ClientId)).IsSuccess);
    }

    [Fact]
    public async Task ResourceServers_CreateFindUpdateDelete()
    {
        var api = await fixture.ManagementAsync(IdentityHost.Admin);
        var identifier = $"https://api.exampleco.com/billing-{Guid.NewGuid():N}";

        var created = await api.CreateResourceServerAsync(new ResourceServerCreateRequest
        {
            Identifier = identifier, Name = "Billing", Scopes = [new ResourceServerScope { Value = "read:bills", Description = "Read bills" }],
        });
        var found = await api.FindResourceServerAsync(identifier);
        var updated = await api.UpdateResourceServerAsync(found.Value!.Id, new ResourceServerUpdateRequest { Name = "Bills" });
        var system = await api.FindResourceServerAsync(IdentityHost.ApiAudience);
        var deleteSystem = await api.DeleteResourceServerAsync(system.Value!.Id);
        var deleted = await api.DeleteResourceServerAsync(created.Value!.Id);

        Assert.Equal("read:bills", Assert.Single(found.Value.Scopes).Value);
        Assert.Equal("Bills", updated.Value!.Name);
        Assert.True(system.Value.IsSystem);
        Assert.NotNull(deleteSystem.Problem);
        Assert.True(deleted.IsSuccess, deleted.Problem?.Message);
    }

    [Fact]
    public async Task SigningKeys_RotateAddsANewKey_AndTheLogHasTheChange()
    {
        var api = await fixture.ManagementAsync(IdentityHost.Admin);
        var before = (await api.ListSigningKeysAsync()).Value!;

        var rotated = await api.RotateSigningKeyAsync();
        var after = (await api.ListSigningKeysAsync()).Value!;
        var logs = await api.ListLogsAsync(new LogQuery { Type = "sapi", Paging = new PageQuery { PerPage = 20 } });

        Assert.DoesNotContain(before, k => k.Kid == rotated.Value!.Kid);
        Assert.Contains(after, k => k.Kid == rotated.Value!.Kid);
        Assert.All(logs.Value!.Logs, l => Assert.Equal("sapi", l.Type));
        Assert.Contains(logs.Value.Logs, l => l.TargetType == "signing_key");
        Assert.True(logs.Value.Total >= 1);
    }
}
