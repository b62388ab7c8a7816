using Timesheets.Client.Auth;
using Timesheets.Client.Management;
using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Management;

/// <summary>Users and roles through <see cref="ManagementClient"/>, with an admin's real token for the Management API.</summary>
public abstract class ManagementUserTests(ClientFixture fixture)
{
    private static string NewEmail() => $"m-{Guid.NewGuid():N}"[..18] + "@exampleco.com";

    [Fact]
    public async Task Users_InviteFindAssignBlockDelete_AsTheApiAnswers()
    {
        var api = await fixture.ManagementAsync(IdentityHost.Admin);
        var employee = (await api.FindRoleAsync("employee")).Value!;
        var manager = (await api.FindRoleAsync("Manager")).Value!;
        var email = NewEmail();

        var invited = await api.InviteUserAsync(new CreateUserRequest { Email = email, Name = "Mia Managed", Roles = [employee.Id] });
        var found = await api.FindUserAsync(email);
        var page = await api.ListUsersAsync(new UserQuery { Search = email[..10] });
        var assigned = await api.AssignRolesAsync(found.Value!.UserId, [manager.Id]);
        var roles = await api.ListUserRolesAsync(found.Value.UserId);
        var blocked = await api.SetBlockedAsync(found.Value.UserId, blocked: true);
        var link = await api.CreatePasswordLinkAsync(found.Value.UserId);
        var deleted = await api.DeleteUserAsync(found.Value.UserId);
        var gone = await api.FindUserAsync(email);

        Assert.StartsWith(IdentityHost.Issuer, invited.Value!.InvitationUrl, StringComparison.Ordinal);
        Assert.Equal(invited.Value.UserId, found.Value.UserId);
        Assert.Equal(1, page.Value!.Total);
        Assert.Equal(email, Assert.Single(page.Value.Users).Email);
        Assert.True(assigned.IsSuccess, assigned.Problem?.Message);
        Assert.Equal(["Employee", "Manager"], roles.Value!.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.True(blocked.Value!.Blocked);
        Assert.StartsWith(IdentityHost.Issuer, link.Value!.Ticket, StringComparison.Ordinal);
        Assert.True(deleted.IsSuccess, deleted.Problem?.Message);
        Assert.Equal(ProblemKind.NotFound, gone.Problem!.Kind);
        Assert.Contains(email, gone.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_AnEmailTaken_IsAProblemWithTheServersReason()
    {
        var api = await fixture.ManagementAsync(IdentityHost.Admin);

        var again = await api.InviteUserAsync(new CreateUserRequest { Email = IdentityHost.Employee });

        Assert.NotNull(again.Problem);
        Assert.True(again.Problem.Kind is ProblemKind.Conflict or ProblemKind.Invalid, again.Problem.ToString());
        Assert.False(string.IsNullOrEmpty(again.Problem.Detail));
    }

    [Fact]
    public async Task Roles_CreateGrantRevokeDelete_PermissionsNamedWithTheirApi()
    {
        var api = await fixture.ManagementAsync(IdentityHost.Admin);
        var name = "Readers" + Guid.NewGuid().ToString("N")[..6];

        var role = (await api.CreateRoleAsync(new RoleRequest { Name = name, Description = "Read only" })).Value!;
        var permissions = (await api.ResolvePermissionsAsync([ApiScopes.Read, ManagementScopes.ReadUsers])).Value!;
        var granted = await api.GrantPermissionsAsync(role.Id, permissions);
        var listed = await api.ListRolePermissionsAsync(role.Id);
        var revoked = await api.RevokePermissionsAsync(role.Id, [permissions[0]]);
        var renamed = await api.UpdateRoleAsync(role.Id, new RoleRequest { Name = name + "2" });
        var afterRevoke = await api.ListRolePermissionsAsync(role.Id);
        var deleted = await api.DeleteRoleAsync(role.Id);

        Assert.Equal([IdentityHost.ApiAudience, OidcTestClient.ManagementAudience], permissions.Select(p => p.ResourceServerIdentifier));
        Assert.True(granted.IsSuccess, granted.Problem?.Message);
        Assert.Equal(2, listed.Value!.Count);
        Assert.True(revoked.IsSuccess, revoked.Problem?.Message);
        Assert.Equal(name + "2", renamed.Value!.Name);
        Assert.Equal(ManagementScopes.ReadUsers, Assert.Single(afterRevoke.Value!).PermissionName);
        Assert.True(deleted.IsSuccess, deleted.Problem?.Message);
        Assert.Equal(ProblemKind.NotFound, (await api.GetRoleAsync(role.Id)).Problem!.Kind);
    }

    [Fact]
    public async Task ANonAdmin_IsForbidden_AndNobody_NeedsALogin()
    {
        var employee = await fixture.ManagementAsync(IdentityHost.Employee);
        var nobody = ManagementClient.Create(ClientFixture.Authority,
            new TokenSession(new MemoryTokenStore(), fixture.IdentityClient(CountingHandler.TokenRequests())), fixture.Identity.Server.CreateHandler());

        var forbidden = await employee.ListUsersAsync();
        var anonymous = await nobody.ListUsersAsync();

        Assert.Equal(ProblemKind.Forbidden, forbidden.Problem!.Kind);
        Assert.Equal(403, forbidden.Problem.Status);
        Assert.Equal(ProblemKind.LoginRequired, anonymous.Problem!.Kind);
    }

    [Fact]
    public async Task AnExpiredManagementToken_IsRenewedWithItsOwnRefreshToken()
    {
        var api = await fixture.ManagementAsync(IdentityHost.Admin, expired: true);

        var users = await api.ListUsersAsync(new UserQuery { Paging = new PageQuery { PerPage = 2 } });

        Assert.True(users.IsSuccess, users.Problem?.Message);
        Assert.Equal(2, users.Value!.Users.Count);
    }
}
