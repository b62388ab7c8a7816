using System.Net;
using System.Text.RegularExpressions;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// The sensitive admin actions on confirmation pages of their own, with a fresh login: the GET says what will
/// happen, the POST (antiforgery) does it, and the change shows in the Management API; a non-admin gets the
/// 403 page and changes nothing. (An old login is <see cref="RecentLoginConfirmTests"/>.)
/// </summary>
public abstract partial class ConfirmPagesTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task UserActions_BlockResetSecondFactorDelete_ShownThenDone_AppTokensEnd()
    {
        using var browser = await AdminBrowser.LoggedInAsync(Host, IdentityHost.Admin);
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var email = await fixture.CreateUserAsync("Employee");
        var id = await UserIdAsync(admin, email);
        var page = $"/admin/users/{id}";
        using var app = Host.CreateOidcClient();
        var tokens = await app.LoginAsync(email, IdentityHost.DemoPassword);

        var reset = await browser.ConfirmAsync(page + "/reset-mfa", $"Reset the second factor of {email}?");
        Assert.Equal(page, reset.Headers.Location!.OriginalString);
        Assert.Contains("is reset", await browser.Http.GetStringAsync(page), StringComparison.Ordinal);
        // The same reset as the API's: the user's apps are signed out too.
        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(await app.RefreshAsync(tokens.RefreshToken!))).Error);

        var blocked = await browser.ConfirmAsync(page + "/block", $"Block {email}?");
        Assert.Equal(page, blocked.Headers.Location!.OriginalString);
        Assert.True((await admin.ExpectAsync<ManagementUser>(HttpMethod.Get, "/api/v2/users/" + id)).Blocked);

        var deleted = await browser.ConfirmAsync(page + "/delete", "The hours they recorded stay in Timesheets.");
        Assert.Equal("/admin/users", deleted.Headers.Location!.OriginalString);
        Assert.Contains($"Deleted {email}.", await browser.Http.GetStringAsync("/admin/users"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v2/users/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync(page + "/delete")).StatusCode);
    }

    [Fact]
    public async Task RoleActions_PermissionsAndDelete_ShownThenDone_AdminRoleRefused()
    {
        using var browser = await AdminBrowser.LoggedInAsync(Host, IdentityHost.Admin);
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var name = $"Confirm-{Guid.NewGuid():N}";
        var role = await admin.ExpectAsync<ManagementRole>(HttpMethod.Post, "/api/v2/roles", new RoleRequest { Name = name }, HttpStatusCode.Created);
        var page = $"/admin/roles/{role.Id}";

        var saved = await browser.PostFormAsync(page + "/permissions", "", new() { ["permissions"] = ApiScopes.Read });
        Assert.Equal(page, saved.Headers.Location!.OriginalString);
        Assert.Equal([ApiScopes.Read], (await admin.ExpectAsync<List<ManagementRolePermission>>(HttpMethod.Get, page.Replace("/admin/", "/api/v2/", StringComparison.Ordinal) + "/permissions")).Select(p => p.PermissionName));

        var deleted = await browser.ConfirmAsync(page + "/delete", $"Delete the role {name}?");
        Assert.Equal("/admin/roles", deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v2/roles/{role.Id}")).StatusCode);

        var adminRole = await RoleIdAsync(admin, "Admin");
        var refused = await browser.ConfirmAsync($"/admin/roles/{adminRole}/delete", "Delete the role Admin?");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("The Admin role cannot be deleted", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v2/roles/{adminRole}")).StatusCode);
    }

    [Fact]
    public async Task KeyActions_RotateThenRevokeTheNewKey_ShownThenDone()
    {
        using var browser = await AdminBrowser.LoggedInAsync(Host, IdentityHost.Admin);
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var before = await admin.ExpectAsync<List<SigningKeyResponse>>(HttpMethod.Get, "/api/v2/keys/signing");

        var rotated = await browser.ConfirmAsync("/admin/keys/rotate", "nobody is logged out");
        Assert.Equal("/admin/keys", rotated.Headers.Location!.OriginalString);
        var after = await admin.ExpectAsync<List<SigningKeyResponse>>(HttpMethod.Get, "/api/v2/keys/signing");
        var added = Assert.Single(after, k => before.All(b => b.Kid != k.Kid));

        var revoked = await browser.ConfirmAsync($"/admin/keys/{added.Kid}/revoke", $"Revoke the signing key {added.Kid}?");
        Assert.Equal("/admin/keys", revoked.Headers.Location!.OriginalString);
        Assert.True((await admin.ExpectAsync<SigningKeyResponse>(HttpMethod.Get, $"/api/v2/keys/signing/{added.Kid}")).Revoked);
    }

    [Fact]
    public async Task ApplicationAndApiActions_RotateSecretShownOnce_DeleteBoth()
    {
        using var browser = await AdminBrowser.LoggedInAsync(Host, IdentityHost.Admin);
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var client = await ClientsTests.CreateMachineClientAsync(admin, "Confirm robot");
        await admin.ExpectAsync<ClientGrantResponse>(HttpMethod.Post, "/api/v2/client-grants",
            new ClientGrantCreateRequest { ClientId = client.ClientId, Audience = IdentityHost.ApiAudience, Scope = [ApiScopes.Read] }, HttpStatusCode.Created);
        var page = $"/admin/applications/{client.ClientId}";

        var rotated = await browser.ConfirmAsync(page + "/rotate-secret", "The current secret stops working at once");
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var secret = WebUtility.HtmlDecode(NewSecret().Match(await rotated.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.Equal(48, secret.Length);
        Assert.DoesNotContain(secret, await browser.Http.GetStringAsync(page), StringComparison.Ordinal);
        using var oidc = Host.CreateOidcClient();
        Assert.Equal("invalid_client", (await OidcTestClient.ExpectErrorAsync(await oidc.ClientCredentialsAsync(client.ClientId, client.ClientSecret))).Error);
        Assert.Equal([ApiScopes.Read], (await OidcTestClient.ExpectTokensAsync(await oidc.ClientCredentialsAsync(client.ClientId, secret))).Scopes);

        var deleted = await browser.ConfirmAsync(page + "/delete", "Delete the application Confirm robot?");
        Assert.Equal("/admin/applications", deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync(page)).StatusCode);

        var identifier = $"https://api.exampleco.com/confirm-{Guid.NewGuid():N}";
        var api = await admin.ExpectAsync<ResourceServerResponse>(HttpMethod.Post, "/api/v2/resource-servers",
            new ResourceServerCreateRequest { Identifier = identifier, Name = "Confirm API" }, HttpStatusCode.Created);
        var apiDeleted = await browser.ConfirmAsync($"/admin/apis/{api.Id}/delete", $"Applications can no longer get tokens for {identifier}.");
        Assert.Equal("/admin/apis", apiDeleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v2/resource-servers/" + Uri.EscapeDataString(identifier))).StatusCode);
    }

    [Fact]
    public async Task Employee_GetsTheForbiddenPage_OnEveryConfirmPage_AndChangesNothing()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var target = await UserIdAsync(admin, await fixture.CreateUserAsync("Employee"));
        using var employee = await AdminBrowser.LoggedInAsync(Host, IdentityHost.Employee);
        var token = OidcTestClient.AntiforgeryToken(await employee.Http.GetStringAsync("/account/password"));

        foreach (var path in ConfirmPaths(target, await RoleIdAsync(admin, "Employee")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.Http.GetAsync(path)).StatusCode);
            var posted = await employee.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
            Assert.Contains("does not have the permission", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False((await admin.ExpectAsync<ManagementUser>(HttpMethod.Get, "/api/v2/users/" + target)).Blocked);
    }

    /// <summary>Every confirmation page, about <paramref name="userId"/> and <paramref name="roleId"/> where it needs a target.</summary>
    internal static IEnumerable<string> ConfirmPaths(string userId, string roleId) =>
    [
        $"/admin/users/{userId}/block", $"/admin/users/{userId}/reset-mfa", $"/admin/users/{userId}/delete",
        $"/admin/roles/{roleId}/delete", $"/admin/roles/{roleId}/permissions",
        "/admin/keys/rotate", "/admin/keys/some-kid/revoke",
        "/admin/applications/some-client/rotate-secret", "/admin/applications/some-client/delete", "/admin/apis/some-api/delete",
    ];

    internal static async Task<string> UserIdAsync(ManagementCalls admin, string email) =>
        Assert.Single(await admin.ExpectAsync<List<ManagementUser>>(HttpMethod.Get, "/api/v2/users-by-email?email=" + Uri.EscapeDataString(email))).UserId;

    internal static async Task<string> RoleIdAsync(ManagementCalls admin, string name) =>
        (await admin.ExpectAsync<List<ManagementRole>>(HttpMethod.Get, "/api/v2/roles")).Single(r => r.Name == name).Id;

    [GeneratedRegex("id=\"new-secret\">([^<]+)<")]
    private static partial Regex NewSecret();
}
