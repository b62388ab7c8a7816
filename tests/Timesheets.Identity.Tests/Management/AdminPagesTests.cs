using System.Net;
using System.Text.RegularExpressions;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// The admin pages of applications, APIs, keys and logs through real HTTP: an admin's login session,
/// forms posted with their antiforgery token; the change shows on the page, in the Management API and in
/// the log as an admin-page change; a form without the token is refused; an employee gets 403.
/// </summary>
public abstract partial class AdminPagesTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Apis_CreateAndEditThroughTheForms_ShownAndLogged()
    {
        using var browser = await LoggedInAsync(IdentityHost.Admin);
        var identifier = $"https://api.exampleco.com/pages-{Guid.NewGuid():N}";
        var scope = $"pages:{Guid.NewGuid():N}";

        var created = await PostFormAsync(browser, "/admin/apis", "", new() { ["Identifier"] = identifier, ["Name"] = "Page API", ["Scopes"] = scope + " Use the page API" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var edited = await PostFormAsync(browser, editUrl, "Save", new()
        {
            ["Name"] = "Page API renamed", ["TokenLifetime"] = "900", ["AllowOfflineAccess"] = "true", ["Scopes"] = scope + " Changed",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var page = await browser.Http.GetStringAsync(editUrl);
        Assert.Contains("Page API renamed", page, StringComparison.Ordinal);
        Assert.Contains("Changed", page, StringComparison.Ordinal);

        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var api = await admin.ExpectAsync<ResourceServerResponse>(HttpMethod.Get, "/api/v2/resource-servers/" + Uri.EscapeDataString(identifier));
        Assert.Equal(900, api.TokenLifetime);
        Assert.True(api.AllowOfflineAccess);
        var entries = await admin.LogsAboutAsync(api.Id);
        Assert.Equal(["sadm", "sadm"], entries.Select(e => e.Type));
        Assert.Equal(IdentityHost.Admin, entries[0].UserName);
        Assert.Equal("Page API", entries[0].Details!.Before!.Value.GetProperty("name").GetString());

        var invalid = await PostFormAsync(browser, "/admin/apis", "", new() { ["Identifier"] = "not a uri", ["Name"] = "X" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("absolute URI", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applications_RegisterMachineClient_SecretShownOnce_AccessGranted()
    {
        using var browser = await LoggedInAsync(IdentityHost.Admin);

        var created = await PostFormAsync(browser, "/admin/applications", "", new() { ["Name"] = "Page robot", ["AppType"] = AppTypes.NonInteractive });

        var html = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = WebUtility.HtmlDecode(SecretPattern().Match(html).Groups[1].Value);
        var clientId = ClientIdPattern().Match(html).Groups[1].Value;
        Assert.Equal(48, secret.Length);
        var editUrl = $"/admin/applications/{clientId}";
        Assert.DoesNotContain(secret, await browser.Http.GetStringAsync(editUrl), StringComparison.Ordinal);

        var access = await PostFormAsync(browser, editUrl, "Access", new() { ["Access"] = IdentityHost.ApiAudience, ["Permissions"] = ApiScopes.Read });
        Assert.Equal(HttpStatusCode.Redirect, access.StatusCode);
        using var oidc = Host.CreateOidcClient();
        var tokens = await OidcTestClient.ExpectTokensAsync(await oidc.ClientCredentialsAsync(clientId, secret));
        Assert.Equal([ApiScopes.Read], tokens.Scopes);

        var deleted = await browser.ConfirmAsync(editUrl + "/delete", "Delete the application Page robot?");
        Assert.Equal("/admin/applications", deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync(editUrl)).StatusCode);
    }

    [Fact]
    public async Task KeysAndLogs_Shown_FormWithoutAntiforgeryRefused_EmployeeForbidden()
    {
        using var browser = await LoggedInAsync(IdentityHost.Admin);
        Assert.Contains("current", await browser.Http.GetStringAsync("/admin/keys"), StringComparison.Ordinal);
        var logs = await browser.Http.GetStringAsync("/admin/logs?type=s");
        Assert.Contains(IdentityHost.Admin, logs, StringComparison.Ordinal);
        var entry = LogLinkPattern().Match(logs).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync($"/admin/logs/{entry}")).StatusCode);

        var forged = await browser.Http.PostAsync("/admin/keys/rotate", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var employee = await LoggedInAsync(IdentityHost.Employee);
        foreach (var path in new[] { "/admin/applications", "/admin/apis", "/admin/keys", "/admin/logs" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.Http.GetAsync(path)).StatusCode);
        }
    }

    private Task<OidcTestClient> LoggedInAsync(string email) => AdminBrowser.LoggedInAsync(Host, email);

    private static Task<HttpResponseMessage> PostFormAsync(OidcTestClient browser, string url, string handler, Dictionary<string, string> fields) =>
        browser.PostFormAsync(url, handler, fields);

    [GeneratedRegex("<p class=\"secret\">([^<]+)</p>")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("client id is <code>([A-Za-z0-9]+)</code>")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex("href=\"/admin/logs/([0-9]+)\"")]
    private static partial Regex LogLinkPattern();
}
