using System.Text.Json;

namespace Timesheets.EndToEnd;

/// <summary>Access tokens live 5 seconds here: the person keeps working past them and never sees the login page.</summary>
[Collection(SystemCollection.Name)]
public sealed class RenewalTests(SystemFixture system)
{
    [Fact]
    public async Task Session_PastTheAccessTokensLifetime_RenewsSilently()
    {
        await using var phone = await system.LoggedInAsync(IdentityHost.Employee);
        var page = phone.Page;
        var before = await TokensAsync(page);

        await Task.Delay(SystemFixture.AccessTokenLifetime + TimeSpan.FromSeconds(1));
        await page.LogHoursAsync("Internal", "0.5", null, "e2e: after expiry");
        await Expect(page.Entry("e2e: after expiry")).ToContainTextAsync("Pending");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToHaveCountAsync(0);

        // New tokens, the refresh token rotated: renewal happened, not a lucky old token.
        var after = await TokensAsync(page);
        Assert.NotEqual(before.GetProperty("AccessToken").GetString(), after.GetProperty("AccessToken").GetString());
        Assert.NotEqual(before.GetProperty("RefreshToken").GetString(), after.GetProperty("RefreshToken").GetString());
    }

    private static async Task<JsonElement> TokensAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>("localStorage.getItem('timesheets.tokens')")).RootElement.Clone();
}
