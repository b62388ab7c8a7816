namespace Timesheets.EndToEnd;

/// <summary>A manager approves and rejects an employee's hours; the employee sees the outcome and the reason.</summary>
[Collection(SystemCollection.Name)]
public sealed class ManagerTests(SystemFixture system)
{
    [Fact]
    public async Task Manager_ApprovesOneRejectsOneAndApprovesTwoAtOnce_EmployeeSeesTheOutcome()
    {
        await using var employeePhone = await system.LoggedInAsync(IdentityHost.Employee);
        var employee = employeePhone.Page;
        var day = AppPages.Monday(DateOnly.FromDateTime(DateTime.Now)).AddDays(-35); // a week no other test writes in
        await employee.LogHoursAsync("Website Redesign", "3", day, "e2e: approve me");
        await employee.LogHoursAsync("Customer Support", "1.5", day, "e2e: reject me");
        await employee.LogHoursAsync("Internal", "1", day.AddDays(-7), "e2e: bulk one");
        await employee.LogHoursAsync("Internal", "1", day.AddDays(-6), "e2e: bulk two");

        await using var managerPhone = await system.LoggedInAsync(IdentityHost.Manager);
        var manager = managerPhone.Page;
        await manager.GetByRole(AriaRole.Link, new() { Name = "Approve" }).ClickAsync();
        await Expect(manager.Review("e2e: approve me")).ToBeVisibleAsync();
        await manager.ShotAsync("approve", forDocs: true);

        await manager.Review("e2e: approve me").GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved Website Redesign");
        await Expect(manager.Review("e2e: approve me")).ToHaveCountAsync(0);

        // A rejection needs a reason, said before anything is sent.
        var reject = manager.Review("e2e: reject me");
        await reject.GetByRole(AriaRole.Button, new() { Name = "Reject…" }).ClickAsync();
        await reject.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
        await Expect(reject).ToContainTextAsync("A reason is required");
        await reject.GetByLabel("Reason for rejecting").FillAsync("Support hours go on the client's project");
        await manager.ShotAsync("approve-reject-reason");
        await reject.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
        await Expect(manager.Review("e2e: reject me")).ToHaveCountAsync(0);

        // Several at once.
        await manager.Review("e2e: bulk one").GetByRole(AriaRole.Checkbox).CheckAsync();
        await manager.Review("e2e: bulk two").GetByRole(AriaRole.Checkbox).CheckAsync();
        await manager.ShotAsync("approve-selected");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Approve selected (2)" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved 2 entries");
        await Expect(manager.Review("e2e: bulk one")).ToHaveCountAsync(0);

        await employee.GotoAsync("/");
        await Expect(employee.Entry("e2e: approve me")).ToContainTextAsync("Approved");
        await Expect(employee.Entry("e2e: reject me")).ToContainTextAsync("Rejected");
        await Expect(employee.Entry("e2e: reject me")).ToContainTextAsync("Support hours go on the client's project");
        await Expect(employee.Entry("e2e: bulk two")).ToContainTextAsync("Approved");
        await employee.Week(day).EvaluateAsync("week => window.scrollTo(0, week.offsetTop - 64)");
        await employee.ShotAsync("timesheets", forDocs: true);

        // The same on a desktop: the menu becomes a side rail.
        await using var desktopContext = await system.DesktopAsync();
        var desktop = await desktopContext.NewPageAsync();
        await desktop.LogInAsync(IdentityHost.Employee);
        await Expect(desktop.Entry("e2e: reject me")).ToBeVisibleAsync();
        await desktop.ShotAsync("desktop-timesheets", forDocs: true);
        await using var desktopManagerContext = await system.DesktopAsync();
        var desktopManager = await desktopManagerContext.NewPageAsync();
        await desktopManager.LogInAsync(IdentityHost.Manager);
        await desktopManager.GetByRole(AriaRole.Link, new() { Name = "Approve" }).ClickAsync();
        await Expect(desktopManager.GetByRole(AriaRole.Heading, new() { Name = "Approve" })).ToBeVisibleAsync();
        await desktopManager.ShotAsync("desktop-approve");
    }
}
