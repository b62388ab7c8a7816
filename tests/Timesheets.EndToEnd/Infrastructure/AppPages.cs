namespace Timesheets.EndToEnd.Infrastructure;

/// <summary>What a person does in the app, step by step, as the tests say it.</summary>
internal static class AppPages
{
    /// <summary>Opens the app and logs in through Identity's login page (code + PKCE), back on the timesheets.</summary>
    /// <param name="password">The demo users' unless the user chose one (an invited user).</param>
    public static async Task LogInAsync(this IPage page, string email, string? screenshot = null, string password = IdentityHost.DemoPassword)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        if (screenshot is not null)
        {
            await page.ShotAsync(screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Timesheets" }).WaitForAsync();
    }

    /// <summary>Logs hours through the form; <paramref name="date"/> null keeps the default (today).</summary>
    public static async Task LogHoursAsync(this IPage page, string project, string hours, DateOnly? date, string notes, string? screenshot = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Log hours" }).First.ClickAsync();
        await FillEntryAsync(page, project, hours, date, notes);
        if (screenshot is not null)
        {
            await page.ShotAsync(screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Log hours" }).ClickAsync();
        await Expect(page.Entry(notes)).ToBeVisibleAsync(); // saved: back on the list, with the entry
    }

    public static async Task FillEntryAsync(this IPage page, string project, string hours, DateOnly? date, string notes)
    {
        await page.GetByLabel("Project").SelectOptionAsync(project);
        if (date is { } day)
        {
            await page.GetByLabel("Date").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        await page.GetByLabel("Hours", new() { Exact = true }).FillAsync(hours);
        await page.GetByLabel("Hours", new() { Exact = true }).PressAsync("Tab");
        await page.GetByLabel("Notes").FillAsync(notes);
        await page.GetByLabel("Notes").PressAsync("Tab");
    }

    /// <summary>The entry card whose notes are <paramref name="notes"/> (each test writes notes of its own).</summary>
    public static ILocator Entry(this IPage page, string notes) =>
        page.Locator(".card.entry").Filter(new() { HasText = notes });

    public static ILocator Review(this IPage page, string notes) =>
        page.Locator(".card.review").Filter(new() { HasText = notes });

    public static ILocator Week(this IPage page, DateOnly day) =>
        page.Locator("section.week").Filter(new() { Has = page.Locator($".card.entry") }).Filter(new()
        {
            HasText = Monday(day).ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture) + " –",
        });

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
