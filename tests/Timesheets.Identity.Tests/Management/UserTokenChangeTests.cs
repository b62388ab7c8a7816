using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>An admin's change shows in the user's very next token, refreshed ones included; blocked or deleted users cannot refresh.</summary>
public abstract class UserTokenChangeTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    private static List<string> Permissions(TokenResponse tokens) =>
        new JsonWebToken(tokens.AccessToken).TryGetPayloadValue<JsonElement>("permissions", out var value)
            ? [.. value.EnumerateArray().Select(e => e.GetString()!)]
            : [];

    private async Task<(string Email, string Id, OidcTestClient Oidc, TokenResponse Tokens)> LoggedInAsync(HttpClient admin, string role)
    {
        var email = await fixture.CreateUserAsync(role);
        var id = (await (await admin.GetAsync($"/api/v2/users-by-email?email={Uri.EscapeDataString(email)}")).ReadAsync<List<ManagementUser>>()).Single().UserId;
        var oidc = Host.CreateOidcClient();
        return (email, id, oidc, await oidc.LoginAsync(email, IdentityHost.DemoPassword));
    }

    [Fact]
    public async Task RoleRemovedAndPermissionAdded_ShowInTheNextRefreshedToken()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var (_, id, oidc, tokens) = await LoggedInAsync(admin, "Manager");
        using var _oidc = oidc;
        Assert.Contains(ApiScopes.Approve, Permissions(tokens));

        var manager = await admin.RoleIdAsync("Manager");
        var employee = await admin.RoleIdAsync("Employee");
        await admin.SendJsonAsync(HttpMethod.Post, $"/api/v2/users/{id}/roles", new UserRolesRequest { Roles = [employee] });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendJsonAsync(HttpMethod.Delete, $"/api/v2/users/{id}/roles", new UserRolesRequest { Roles = [manager] })).StatusCode);

        var refreshed = await OidcTestClient.ExpectTokensAsync(await oidc.RefreshAsync(tokens.RefreshToken!));
        Assert.DoesNotContain(ApiScopes.Approve, Permissions(refreshed));
        Assert.Contains(ApiScopes.Read, Permissions(refreshed));
    }

    [Fact]
    public async Task RolePermissionRemoved_ShowsInTheNextRefreshedToken_OfEveryMember()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var role = await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/roles", new RoleRequest { Name = $"Approvers-{Guid.NewGuid():N}" })).ReadAsync<ManagementRole>();
        var audit = new PermissionReference { PermissionName = ApiScopes.Approve, ResourceServerIdentifier = IdentityHost.ApiAudience };
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v2/roles/{role.Id}/permissions", new RolePermissionsRequest { Permissions = [audit] })).StatusCode);
        var (_, id, oidc, _) = await LoggedInAsync(admin, "Employee");
        using var _oidc = oidc;
        await admin.SendJsonAsync(HttpMethod.Post, $"/api/v2/users/{id}/roles", new UserRolesRequest { Roles = [role.Id] });
        var tokens = await oidc.LoginAsync((await (await admin.GetAsync($"/api/v2/users/{id}")).ReadAsync<ManagementUser>()).Email!, IdentityHost.DemoPassword);
        Assert.Contains(ApiScopes.Approve, Permissions(tokens));

        await admin.SendJsonAsync(HttpMethod.Delete, $"/api/v2/roles/{role.Id}/permissions", new RolePermissionsRequest { Permissions = [audit] });
        var refreshed = await OidcTestClient.ExpectTokensAsync(await oidc.RefreshAsync(tokens.RefreshToken!));
        Assert.DoesNotContain(ApiScopes.Approve, Permissions(refreshed));
    }

    [Fact]
    public async Task BlockedUser_RefreshFailsAtOnce_UnblockedUserLogsInAgain()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var (email, id, oidc, tokens) = await LoggedInAsync(admin, "Employee");
        using var _oidc = oidc;

        var blocked = await (await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v2/users/{id}", new UpdateUserRequest { Blocked = true })).ReadAsync<ManagementUser>();
        Assert.True(blocked.Blocked);
        var error = await OidcTestClient.ExpectErrorAsync(await oidc.RefreshAsync(tokens.RefreshToken!));
        Assert.Equal("invalid_grant", error.Error);
        var log = Assert.Single(await Host.LogsAsync(id), l => l.Description.StartsWith("Blocked", StringComparison.Ordinal));
        Assert.Contains("\"blocked\":false", log.Before, StringComparison.Ordinal);
        Assert.Contains("\"blocked\":true", log.After, StringComparison.Ordinal);

        await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v2/users/{id}", new UpdateUserRequest { Blocked = false });
        using var again = Host.CreateOidcClient();
        Assert.NotNull((await again.LoginAsync(email, IdentityHost.DemoPassword)).AccessToken);
    }

    [Fact]
    public async Task DeletedUser_RefreshFailsAtOnce()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var (_, id, oidc, tokens) = await LoggedInAsync(admin, "Employee");
        using var _oidc = oidc;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v2/users/{id}")).StatusCode);
        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(await oidc.RefreshAsync(tokens.RefreshToken!))).Error);
    }

    [Fact]
    public async Task Login_CountsAndStampsTheLastLogin()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var (_, id, oidc, _) = await LoggedInAsync(admin, "Employee");
        oidc.Dispose();

        var user = await (await admin.GetAsync($"/api/v2/users/{id}")).ReadAsync<ManagementUser>();
        Assert.Equal(1, user.LoginsCount);
        Assert.NotNull(user.LastLogin);
    }
}
