namespace Timesheets.EndToEnd;

/// <summary>An employee on a phone: logs hours, sees them pending in their week, edits one, deletes another.</summary>
[Collection(SystemCollection.Name)]
public sealed class EmployeeTests(SystemFixture system)
{
    [Fact]
    public async Task Employee_LogsEditsAndDeletes_SeesPendingAndTheWeeksTotal()
    {
        await using var context = await system.PhoneAsync();
        var page = await context.NewPageAsync();
        await page.LogInAsync(IdentityHost.Employee, screenshot: "login");
        await page.ShotAsync("timesheets-start");

        // The form opens on today, and the shared rules speak before anything is sent.
        await page.GetByRole(AriaRole.Link, new() { Name = "Log hours" }).First.ClickAsync();
        var today = DateOnly.FromDateTime(DateTime.Now);
        await Expect(page.GetByLabel("Date")).ToHaveValueAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Hours", new() { Exact = true }).FillAsync("25");
        await page.GetByLabel("Hours", new() { Exact = true }).PressAsync("Tab");
        await Expect(page.Locator("#hours-error")).ToContainTextAsync("at most 24");
        await page.ShotAsync("entry-rules", forDocs: true);

        // A week of its own (the Wednesday three weeks back), so the total is this test's alone.
        var day = AppPages.Monday(today).AddDays(-21 + 2);
        await page.FillEntryAsync("Mobile App", "7.5", day, "e2e: sprint review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log hours" }).ClickAsync();
        await Expect(page.Entry("e2e: sprint review")).ToBeVisibleAsync(); // saved: back on the list
        await page.LogHoursAsync("Internal", "2", day, "e2e: to be deleted", screenshot: "entry-new");

        var week = page.Week(day);
        await Expect(week.Locator(".week-total")).ToHaveTextAsync("9.5 h");
        await Expect(page.Entry("e2e: sprint review")).ToContainTextAsync("Pending");
        await Expect(page.Entry("e2e: sprint review")).ToContainTextAsync("7.5 h");
        await page.Entry("e2e: sprint review").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync("timesheets-pending");

        // Edit: the hours change and so does the week.
        await page.Entry("e2e: sprint review").ClickAsync();
        await Expect(page.GetByLabel("Hours", new() { Exact = true })).ToHaveValueAsync("7.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "6 h" }).ClickAsync();
        await page.ShotAsync("entry-edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Entry("e2e: sprint review")).ToContainTextAsync("6 h");
        await Expect(week.Locator(".week-total")).ToHaveTextAsync("8 h");

        // Delete the other: it leaves the list and the total.
        await page.Entry("e2e: to be deleted").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete this entry" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timesheets" })).ToBeVisibleAsync();
        await Expect(page.Entry("e2e: sprint review")).ToBeVisibleAsync();
        await Expect(page.Entry("e2e: to be deleted")).ToHaveCountAsync(0);
        await Expect(week.Locator(".week-total")).ToHaveTextAsync("6 h");
    }

    [Fact]
    public async Task Employee_TypesTheApproveAddress_SeesNoApprovals()
    {
        await using var context = await system.PhoneAsync(dark: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "open the Timesheets app" })).ToHaveAttributeAsync("href", system.AppUrl + "/");
        await page.LogInAsync(IdentityHost.Employee);

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Approve" })).ToHaveCountAsync(0);

        await page.GotoAsync("/approve");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not available" })).ToBeVisibleAsync();
        await Expect(page.Locator(".card.review")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
        await page.ShotAsync("approve-not-available-dark");
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timesheets" })).ToBeVisibleAsync();
        await page.ShotAsync("timesheets-dark", forDocs: true);
    }
}
