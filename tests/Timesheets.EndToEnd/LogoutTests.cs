using System.Net;
using System.Text.Json;

namespace Timesheets.EndToEnd;

/// <summary>Log out on a shared phone: nothing of the person stays, not even one Back away.</summary>
[Collection(SystemCollection.Name)]
public sealed class LogoutTests(SystemFixture system)
{
    [Fact]
    public async Task Logout_ThenBack_ShowsNoDataAndTheRefreshTokenIsRefused()
    {
        await using var phone = await system.LoggedInAsync(IdentityHost.Contractor);
        var page = phone.Page;
        await page.LogHoursAsync("Internal", "4", null, "e2e: contractor day");
        await Expect(page.Entry("e2e: contractor day")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Profile", Exact = true }).ClickAsync();
        await Expect(page.GetByText(IdentityHost.Contractor)).ToBeVisibleAsync();
        await page.ShotAsync("profile", forDocs: true);
        var stored = await page.EvaluateAsync<string>("localStorage.getItem('timesheets.tokens')");
        var refreshToken = JsonDocument.Parse(stored).RootElement.GetProperty("RefreshToken").GetString();
        Assert.False(string.IsNullOrEmpty(refreshToken));

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length + sessionStorage.length"));
        await page.ShotAsync("logged-out");

        await page.GoBackAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Expect(page.GetByText("e2e: contractor day")).ToHaveCountAsync(0);
        await Expect(page.GetByText(IdentityHost.Contractor)).ToHaveCountAsync(0);

        // The refresh token was revoked at logout: it renews nothing any more.
        using var http = new HttpClient();
        var response = await http.PostAsync(system.IdentityUrl + "/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "timesheets-mobile", ["refresh_token"] = refreshToken!,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
