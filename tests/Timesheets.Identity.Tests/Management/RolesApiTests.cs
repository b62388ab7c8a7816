using System.Net;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>The roles endpoints with a real admin token: create, rename, permissions, members, delete; each change logged.</summary>
public abstract class RolesApiTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Role_CreateRenamePermissionsMembersDelete_EachLoggedWithBeforeAndAfter()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var name = $"Reviewers-{Guid.NewGuid():N}";
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/roles", new RoleRequest { Name = name, Description = "Review" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var role = await created.ReadAsync<ManagementRole>();
        Assert.Contains(await (await admin.GetAsync("/api/v2/roles")).ReadAsync<List<ManagementRole>>(), r => r.Id == role.Id);

        var renamed = await (await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v2/roles/{role.Id}", new RoleRequest { Name = name + "-2" })).ReadAsync<ManagementRole>();
        Assert.Equal(name + "-2", renamed.Name);
        Assert.Equal("Review", renamed.Description);

        var read = new PermissionReference { PermissionName = ApiScopes.Read, ResourceServerIdentifier = IdentityHost.ApiAudience };
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v2/roles/{role.Id}/permissions", new RolePermissionsRequest { Permissions = [read] })).StatusCode);
        var permission = Assert.Single(await (await admin.GetAsync($"/api/v2/roles/{role.Id}/permissions")).ReadAsync<List<ManagementRolePermission>>());
        Assert.Equal((ApiScopes.Read, IdentityHost.ApiAudience, "Timesheets API"), (permission.PermissionName, permission.ResourceServerIdentifier, permission.ResourceServerName));

        var user = await admin.InviteAsync(role.Id);
        var member = Assert.Single(await (await admin.GetAsync($"/api/v2/roles/{role.Id}/users")).ReadAsync<List<ManagementRoleMember>>());
        Assert.Equal(user.UserId, member.UserId);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendJsonAsync(HttpMethod.Delete, $"/api/v2/roles/{role.Id}/permissions", new RolePermissionsRequest { Permissions = [read] })).StatusCode);
        Assert.Empty(await (await admin.GetAsync($"/api/v2/roles/{role.Id}/permissions")).ReadAsync<List<ManagementRolePermission>>());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v2/roles/{role.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v2/roles/{role.Id}")).StatusCode);
        Assert.Empty(await (await admin.GetAsync($"/api/v2/users/{user.UserId}/roles")).ReadAsync<List<ManagementRole>>());

        var logs = await Host.LogsAsync(role.Id);
        Assert.Equal(5, logs.Count);
        Assert.Contains(name, logs[1].Before, StringComparison.Ordinal);
        Assert.Contains(name + "-2", logs[1].After, StringComparison.Ordinal);
        Assert.Equal("{\"permissions\":[]}", logs[2].Before);
        Assert.Equal("{\"permissions\":[\"read:timesheets\"]}", logs[2].After);
        Assert.Null(logs[4].After);
    }

    [Fact]
    public async Task BadInput_Answers4xxProblem_AndChangesNothing()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var employee = await admin.RoleIdAsync("Employee");
        var before = (await (await admin.GetAsync($"/api/v2/roles/{employee}/permissions")).ReadAsync<List<ManagementRolePermission>>()).Count;

        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/roles", new RoleRequest { Name = "manager" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/roles", new RoleRequest { Name = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v2/roles/{employee}", new RoleRequest { Name = "Staff" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v2/roles/{employee}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v2/roles/no-such-role/permissions")).StatusCode);
        // A known permission named with the wrong API, and an unknown one beside a good one: nothing is added.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v2/roles/{employee}/permissions", new RolePermissionsRequest
        {
            Permissions = [new() { PermissionName = ApiScopes.Approve, ResourceServerIdentifier = OidcTestClient.ManagementAudience }],
        })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v2/roles/{employee}/permissions", new RolePermissionsRequest
        {
            Permissions = [new() { PermissionName = ApiScopes.Approve, ResourceServerIdentifier = IdentityHost.ApiAudience }, new() { PermissionName = "fly:planes", ResourceServerIdentifier = IdentityHost.ApiAudience }],
        })).StatusCode);
        Assert.Equal(before, (await (await admin.GetAsync($"/api/v2/roles/{employee}/permissions")).ReadAsync<List<ManagementRolePermission>>()).Count);
    }
}
