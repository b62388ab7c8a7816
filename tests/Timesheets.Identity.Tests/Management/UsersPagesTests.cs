using System.Net;
using System.Text.RegularExpressions;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>The admin pages through real HTTP: a logged-in admin's cookie, forms with their antiforgery tokens.</summary>
public abstract partial class UsersPagesTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    private Task<OidcTestClient> AdminBrowserAsync(string email = IdentityHost.Admin) => AdminBrowser.LoggedInAsync(Host, email);

    private static Task<HttpResponseMessage> PostFormAsync(OidcTestClient browser, string page, string handler, Dictionary<string, string> fields) =>
        browser.PostFormAsync(page, handler, fields);

    [Fact]
    public async Task UsersList_SearchesAndShowsBadges_EmptyStateForNoMatch()
    {
        using var browser = await AdminBrowserAsync();
        var list = await browser.Http.GetStringAsync("/admin/users?q=contractor");
        Assert.Contains(IdentityHost.Contractor, list, StringComparison.Ordinal);
        Assert.Contains("badge\">Contractor", list, StringComparison.Ordinal);
        Assert.DoesNotContain(IdentityHost.Manager, list, StringComparison.Ordinal);
        Assert.Contains("No user matches", await browser.Http.GetStringAsync("/admin/users?q=zz-nobody"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_ShowsTheLinkOnce_ThenBlockAndAssignRoleOnTheUserPage()
    {
        using var browser = await AdminBrowserAsync();
        var email = $"paged-{Guid.NewGuid():N}@exampleco.com";
        var invited = await PostFormAsync(browser, "/admin/users/invite", "", new() { ["Email"] = email, ["Name"] = "Pat Paged" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var html = await invited.Content.ReadAsStringAsync();
        Assert.Matches("id=\"invitation-url\">http://localhost/account/set-password\\?user=", html);
        var userPage = UserLink().Match(html).Groups[1].Value;

        Assert.Contains($"href=\"{userPage}/block\"", await browser.Http.GetStringAsync(userPage), StringComparison.Ordinal);
        var blocked = await browser.ConfirmAsync(userPage + "/block", "Their account, roles and hours stay");
        Assert.Equal(userPage, blocked.Headers.Location!.OriginalString);
        var after = await browser.Http.GetStringAsync(userPage);
        Assert.Contains("id=\"blocked-badge\"", after, StringComparison.Ordinal);
        Assert.Contains("is blocked", after, StringComparison.Ordinal);

        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var manager = await admin.RoleIdAsync("Manager");
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(browser, userPage, "AddRole", new() { ["roleId"] = manager })).StatusCode);
        var id = Uri.UnescapeDataString(userPage.Split('/').Last());
        Assert.Equal("Manager", Assert.Single(await (await admin.GetAsync($"/api/v2/users/{id}/roles")).ReadAsync<List<ManagementRole>>()).Name);
        var user = await (await admin.GetAsync($"/api/v2/users/{id}")).ReadAsync<ManagementUser>();
        Assert.True(user.Blocked);
        Assert.Contains(await Host.LogsAsync(id), l => l.Type != "" && l.Description.StartsWith("Blocked", StringComparison.Ordinal) && l.ActorName == IdentityHost.Admin);

        // Deletion is confirmed on a page of its own, which says what stays.
        var deleted = await browser.ConfirmAsync(userPage + "/delete", "The hours they recorded stay in Timesheets.");
        Assert.Equal("/admin/users", deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v2/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task Pages_WithoutAntiforgeryOrAsEmployee_ChangeNothing()
    {
        using var browser = await AdminBrowserAsync();
        var page = await browser.Http.GetStringAsync("/admin/users/invite");
        var noToken = await browser.Http.PostAsync("/admin/users/invite", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "csrf@exampleco.com" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        using var employee = await AdminBrowserAsync(IdentityHost.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.Http.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.Http.GetAsync("/admin/roles")).StatusCode);
        Assert.NotEmpty(page);
    }

    [Fact]
    public async Task RolePage_SavesPermissionCheckboxes_Logged()
    {
        using var browser = await AdminBrowserAsync();
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var created = await PostFormAsync(browser, "/admin/roles", "", new() { ["name"] = $"Paged-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var rolePage = created.Headers.Location!.OriginalString;
        var roleId = rolePage.Split('/').Last();

        var html = await browser.Http.GetStringAsync(rolePage + "/permissions");
        var token = OidcTestClient.AntiforgeryToken(html);
        var saved = await browser.Http.PostAsync(rolePage + "/permissions", new FormUrlEncodedContent(
        [
            new("permissions", ApiScopes.Read), new("permissions", ApiScopes.Create), new("__RequestVerificationToken", token),
        ]));
        Assert.Equal(rolePage, saved.Headers.Location!.OriginalString);
        Assert.Contains(ApiScopes.Create, await browser.Http.GetStringAsync(rolePage), StringComparison.Ordinal);
        var permissions = await (await admin.GetAsync($"/api/v2/roles/{roleId}/permissions")).ReadAsync<List<ManagementRolePermission>>();
        Assert.Equal([ApiScopes.Create, ApiScopes.Read], permissions.Select(p => p.PermissionName).Order());
        Assert.Contains(await Host.LogsAsync(roleId), l => l.Description.StartsWith("Changed the permissions", StringComparison.Ordinal));
    }

    [GeneratedRegex("href=\"(/admin/users/[^\"]+)\" id=\"invited-user\"")]
    private static partial Regex UserLink();
}
