using Deque.AxeCore.Playwright;

namespace Timesheets.EndToEnd;

/// <summary>axe-core run in the page on every screen, light and dark: no serious or critical violation.</summary>
[Collection(SystemCollection.Name)]
public sealed class AccessibilityTests(SystemFixture system)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryScreen_ScannedByAxe_HasNoSeriousViolation(bool dark)
    {
        await using var context = await system.PhoneAsync(dark);
        var page = await context.NewPageAsync();
        var found = new List<string>();

        await page.GotoAsync("/");
        // The first visit starts the .NET runtime in a cold browser context: on a busy 2-core host that alone can pass 5 s.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ScanAsync(page, "login screen", found);

        await page.LogInAsync(IdentityHost.Manager);
        await page.LogHoursAsync("Internal", "1", null, dark ? "e2e: accessibility, dark" : "e2e: accessibility, light");
        await ScanAsync(page, "timesheets", found);

        await page.GetByRole(AriaRole.Link, new() { Name = "Log hours" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log hours" }).ClickAsync(); // every field's error showing
        await Expect(page.Locator("#project-error")).Not.ToBeEmptyAsync();
        await ScanAsync(page, "entry form with errors", found);

        await page.GetByRole(AriaRole.Link, new() { Name = "Approve" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approve" })).ToBeVisibleAsync();
        await ScanAsync(page, "approve", found);

        await page.GetByRole(AriaRole.Link, new() { Name = "Profile", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        await ScanAsync(page, "profile", found);

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    private static async Task ScanAsync(IPage page, string screen, List<string> found)
    {
        var result = await page.RunAxe();
        found.AddRange(result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{screen}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }
}
