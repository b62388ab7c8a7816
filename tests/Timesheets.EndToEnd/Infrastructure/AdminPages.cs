namespace Timesheets.EndToEnd.Infrastructure;

/// <summary>What an administrator does on Identity's admin pages (<c>/admin</c>), as the tests say it.</summary>
internal static class AdminPages
{
    /// <summary>Opens <paramref name="url"/> (an admin page), logs in on the login page it leads to, and waits for the page.</summary>
    public static async Task LogInAsAdminAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.GetByLabel("Email").FillAsync(IdentityHost.Admin);
        await page.GetByLabel("Password").FillAsync(IdentityHost.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.Locator("main.admin-main h1").WaitForAsync();
    }
}
