namespace Timesheets.EndToEnd;

/// <summary>
/// The admin pages of applications, APIs, keys and logs in real Chromium, on a 360×640 phone and a
/// 1280×800 desktop: an admin registers an API through the form and finds the change in the log.
/// Only the Identity server runs here. Screenshots go to artifacts/test-results/screenshots (and to
/// docs/screenshots with TIMESHEETS_SCREENSHOTS_TO_DOCS=1).
/// </summary>
public sealed class AdminScreensTests
{
    [Fact]
    public async Task Admin_RegistersAnApi_OnAPhone_AndSeesItInTheLog_OnADesktop()
    {
        var url = Ports.Url(Ports.Free());
        await using var identity = new IdentityServer(await TestDatabase.CreateAsync("Sqlite", "e2eadmin"),
            new Dictionary<string, string?> { ["Identity:Issuer"] = url + "/" });
        identity.UseKestrel(new Uri(url).Port);
        identity.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });

        await using (var phone = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 360, Height = 640 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, BaseURL = url,
        }))
        {
            var page = await phone.NewPageAsync();
            await page.LogInAsAdminAsync("/admin/apis");
            await page.GetByLabel("Identifier (the tokens' audience, an absolute URI; it never changes)").FillAsync("https://api.exampleco.com/invoices");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Invoices");
            await page.GetByLabel("Permissions, one per line: the name, a space, a description").FillAsync("read:invoices Read invoices\nwrite:invoices Issue invoices");
            await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Invoices" }).WaitForAsync();
            await page.ShotAsync("admin-api-phone", forDocs: true);
            await page.GotoAsync("/admin/applications");
            await page.ShotAsync("admin-applications-phone", forDocs: true);
        }

        await using var desktop = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, BaseURL = url });
        var screen = await desktop.NewPageAsync();
        await screen.LogInAsAdminAsync("/admin/logs?type=sadm");
        await screen.GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\d{4}-") }).First.ClickAsync();
        await screen.GetByRole(AriaRole.Heading, new() { Name = "Before" }).WaitForAsync();
        await screen.ShotAsync("admin-log-entry-desktop", forDocs: true);
        await screen.GotoAsync("/admin/keys");
        await screen.ShotAsync("admin-keys-desktop", forDocs: true);
    }
}
