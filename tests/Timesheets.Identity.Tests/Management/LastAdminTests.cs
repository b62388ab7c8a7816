using System.Net;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// The last unblocked user with the Admin role cannot be blocked, lose the role, or be deleted, and the Admin
/// role cannot be deleted: through the Management API (409 problem+json saying why) and the admin pages (the
/// same sentence on the page). On a server of its own, where the demo admin is the only admin.
/// </summary>
public sealed class LastAdminTests
{
    private const string LastAdmin = "is the last administrator";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ManagementApi_LastAdminKeptUntilAnotherAdminIsUnblocked(string provider)
    {
        await using var host = new IdentityHost(await TestDatabase.CreateAsync(provider, "last-admin"));
        using var admin = await ManagementCalls.ForUserAsync(host, IdentityHost.Admin);
        var adminId = await ConfirmPagesTests.UserIdAsync(admin, IdentityHost.Admin);
        var adminRole = await ConfirmPagesTests.RoleIdAsync(admin, "Admin");

        var blocked = await admin.ExpectProblemAsync(HttpMethod.Patch, $"/api/v2/users/{adminId}", new UpdateUserRequest { Blocked = true }, HttpStatusCode.Conflict);
        Assert.Contains($"{IdentityHost.Admin} {LastAdmin}: you cannot block them", blocked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var demoted = await admin.ExpectProblemAsync(HttpMethod.Delete, $"/api/v2/users/{adminId}/roles", new UserRolesRequest { Roles = [adminRole] }, HttpStatusCode.Conflict);
        Assert.Contains("you cannot remove the Admin role from them", demoted.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var role = await admin.ExpectProblemAsync(HttpMethod.Delete, $"/api/v2/roles/{adminRole}", null, HttpStatusCode.Conflict);
        Assert.Contains("The Admin role cannot be deleted", role.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A machine client allowed to delete users is not an admin: it cannot delete the last one either.
        var robot = await ClientsTests.CreateMachineClientAsync(admin, "User cleaner");
        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants", new ClientGrantCreateRequest
        {
            ClientId = robot.ClientId, Audience = OidcTestClient.ManagementAudience, Scope = [ManagementScopes.DeleteUsers, ManagementScopes.ReadUsers],
        }, HttpStatusCode.Created);
        using var oidc = host.CreateOidcClient();
        var machine = await OidcTestClient.ExpectTokensAsync(await oidc.ClientCredentialsAsync(robot.ClientId, robot.ClientSecret,
            scope: $"{ManagementScopes.DeleteUsers} {ManagementScopes.ReadUsers}", audience: OidcTestClient.ManagementAudience));
        using var cleaner = new ManagementCalls(host.CreateClient(), machine.AccessToken);
        var deleted = await cleaner.ExpectProblemAsync(HttpMethod.Delete, $"/api/v2/users/{adminId}", null, HttpStatusCode.Conflict);
        Assert.Contains("you cannot delete them", deleted.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A second admin, blocked, does not count; unblocked, it does.
        var second = await admin.ExpectAsync<ManagementUser>(HttpMethod.Post, "/api/v2/users",
            new CreateUserRequest { Email = $"second-{Guid.NewGuid():N}@exampleco.com", Name = "Second Admin", Roles = [adminRole] }, HttpStatusCode.Created);
        await admin.ExpectAsync<ManagementUser>(HttpMethod.Patch, $"/api/v2/users/{second.UserId}", new UpdateUserRequest { Blocked = true });
        await admin.ExpectProblemAsync(HttpMethod.Patch, $"/api/v2/users/{adminId}", new UpdateUserRequest { Blocked = true }, HttpStatusCode.Conflict);
        await admin.ExpectAsync<ManagementUser>(HttpMethod.Patch, $"/api/v2/users/{second.UserId}", new UpdateUserRequest { Blocked = false });
        using (var removed = await admin.SendAsync(HttpMethod.Delete, $"/api/v2/users/{second.UserId}/roles", new UserRolesRequest { Roles = [adminRole] }))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        var still = await admin.ExpectAsync<ManagementUser>(HttpMethod.Get, $"/api/v2/users/{adminId}");
        Assert.False(still.Blocked);
        Assert.Contains("Admin", (await admin.ExpectAsync<List<ManagementRole>>(HttpMethod.Get, $"/api/v2/users/{adminId}/roles")).Select(r => r.Name));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AdminPages_RefuseWithTheReason(string provider)
    {
        await using var host = new IdentityHost(await TestDatabase.CreateAsync(provider, "last-admin-pages"));
        using var admin = await ManagementCalls.ForUserAsync(host, IdentityHost.Admin);
        var adminId = await ConfirmPagesTests.UserIdAsync(admin, IdentityHost.Admin);
        var adminRole = await ConfirmPagesTests.RoleIdAsync(admin, "Admin");
        using var browser = await AdminBrowser.LoggedInAsync(host, IdentityHost.Admin);
        var page = $"/admin/users/{adminId}";

        var blocked = await browser.ConfirmAsync(page + "/block", $"Block {IdentityHost.Admin}?");
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains(LastAdmin, await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var demoted = await browser.PostFormAsync(page, "RemoveRole", new() { ["roleId"] = adminRole });
        Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
        Assert.Contains("you cannot remove the Admin role from them", await demoted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var deleted = await browser.ConfirmAsync(page + "/delete", $"Delete {IdentityHost.Admin}?");
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Contains("id=\"confirm-error\"", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var role = await browser.ConfirmAsync($"/admin/roles/{adminRole}/delete", "Delete the role Admin?");
        Assert.Equal(HttpStatusCode.Conflict, role.StatusCode);
        Assert.Contains("The Admin role cannot be deleted", await role.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.False((await admin.ExpectAsync<ManagementUser>(HttpMethod.Get, $"/api/v2/users/{adminId}")).Blocked);
        Assert.Contains("Admin", (await admin.ExpectAsync<List<ManagementRole>>(HttpMethod.Get, $"/api/v2/users/{adminId}/roles")).Select(r => r.Name));
    }
}
