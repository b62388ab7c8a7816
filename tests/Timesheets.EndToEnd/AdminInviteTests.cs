namespace Timesheets.EndToEnd;

/// <summary>
/// A new employee, from invitation to first login, through Identity's admin pages and the published app
/// in real Chromium: the admin invites them (no SMTP here, so the page shows the set-password link), they
/// choose a password in a browser of their own (the link then refuses a second use), the admin gives them
/// the Employee and Manager roles, and they log in to the app and can log hours and approve. The test hosts
/// run in demo mode, whose <c>Mfa:RequiredRoles</c> is empty, so no second factor is asked of a Manager here.
/// Screenshots of the users and roles pages at both sizes (see <see cref="Screens.ShotBothAsync"/>).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AdminInviteTests(SystemFixture system)
{
    private const string Email = "dana.okafor@exampleco.com";
    private const string Name = "Dana Okafor";
    private const string Password = "Harbour-lights-2026";

    [Fact]
    public async Task Admin_InvitesAPerson_WhoSetsAPassword_GetsRoles_AndLogsInToTheApp()
    {
        await using var adminPhone = await system.PhoneAsync();
        var admin = await adminPhone.NewPageAsync();
        await admin.LogInAsAdminAsync(system.IdentityUrl + "/admin/users/invite");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Invite a user" })).ToBeVisibleAsync();
        await admin.GetByLabel("E-mail").FillAsync(Email);
        await admin.GetByLabel("Name").FillAsync(Name);
        await admin.ShotBothAsync("admin-invite", forDocs: true);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        // No e-mail server: the link is shown to the admin, once.
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{Email} is invited");
        var link = (await admin.Locator("#invitation-url").InnerTextAsync()).Trim();
        Assert.StartsWith(system.IdentityUrl + "/account/set-password?", link, StringComparison.Ordinal);
        await admin.ShotBothAsync("admin-invite-link", forDocs: true);

        // The person opens the link on a phone of their own and chooses a password.
        await using var phone = await system.PhoneAsync();
        var person = await phone.NewPageAsync();
        await person.GotoAsync(link);
        await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Choose your password" })).ToBeVisibleAsync();
        await Expect(person.GetByText("For " + Email)).ToBeVisibleAsync();
        await person.ShotBothAsync("identity-set-password", forDocs: true);
        await person.GetByLabel("New password").FillAsync(Password);
        await person.GetByLabel("Type it again").FillAsync(Password);
        await person.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Password set" })).ToBeVisibleAsync();

        // The link works once: a second visit says so and offers no form.
        await person.GotoAsync(link);
        await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "This link no longer works" })).ToBeVisibleAsync();
        await Expect(person.GetByRole(AriaRole.Alert)).ToContainTextAsync("expired or has already been used");
        await Expect(person.GetByLabel("New password")).ToHaveCountAsync(0);
        await person.ShotAsync("identity-set-password-used");

        // The admin opens the new user's page: no role yet; assigns Employee, then Manager.
        await admin.GetByRole(AriaRole.Link, new() { Name = $"Open {Name}'s page" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = Name })).ToBeVisibleAsync();
        await Expect(admin.GetByText("No role: this user's tokens carry no permission.")).ToBeVisibleAsync();
        var roles = admin.Locator("#user-roles li");
        foreach (var role in (string[])["Employee", "Manager"])
        {
            await admin.GetByLabel("Role to assign").SelectOptionAsync(new SelectOptionValue { Label = role });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Assign role" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Role assigned.");
            await Expect(roles.Filter(new() { HasText = role })).ToHaveCountAsync(1);
        }

        await Expect(roles).ToHaveCountAsync(2);
        await admin.ShotBothAsync("admin-user-roles", forDocs: true, show: admin.Locator("section[aria-labelledby=roles-heading]"));

        // A sensitive action asks first, on a page of its own; Cancel goes back and changes nothing.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Delete user…" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"Delete {Email}?" })).ToBeVisibleAsync();
        await Expect(admin.Locator("#consequences")).ToContainTextAsync("The hours they recorded stay in Timesheets.");
        await admin.ShotBothAsync("admin-confirm-delete", forDocs: true);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = Name })).ToBeVisibleAsync();

        // The list shows them, their e-mail confirmed by the password (no "Invited" badge any more).
        await admin.GotoAsync(system.IdentityUrl + "/admin/users");
        var row = admin.Locator("#users tbody tr").Filter(new() { HasText = Email });
        await Expect(row).ToContainTextAsync(Name);
        await Expect(row).Not.ToContainTextAsync("Invited");
        await admin.ShotBothAsync("admin-users", forDocs: true);

        await admin.GotoAsync(system.IdentityUrl + "/admin/roles");
        await Expect(admin.Locator("#roles")).ToContainTextAsync("Manager");
        await admin.ShotBothAsync("admin-roles", forDocs: true);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Manager", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#members")).ToContainTextAsync(Name);
        await admin.ShotBothAsync("admin-role", forDocs: true, show: admin.Locator("section[aria-labelledby=members-heading]"));

        // First login, through the app's own login: as an employee they log hours, as a manager they may approve.
        await person.LogInAsync(Email, password: Password);
        await person.LogHoursAsync("Internal", "1.5", date: null, "e2e: Dana's first hours");
        await Expect(person.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Approve" })).ToBeVisibleAsync();
        await person.GetByRole(AriaRole.Link, new() { Name = $"Profile of {Name}" }).ClickAsync();
        await Expect(person.Locator(".profile-name")).ToHaveTextAsync(Name);
        await Expect(person.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Approve your team's hours" })).ToContainTextAsync("✓");
        await person.ShotAsync("invited-user-profile");
    }
}
