using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Timesheets.Identity.Users;
using static Timesheets.Identity.Tests.Mfa.MfaSteps;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// The confirmation pages of the sensitive admin actions ask for a recent login (<c>Mfa:RecentLoginMaxAge</c>,
/// 10 minutes): with an older one, every such page sends the admin to the login page, a form posted then
/// does nothing, and after the login (with the code when the admin has a second factor) the admin is back
/// on the confirmation and the action works. Time passes on a test clock the session cookie and the check read.
/// </summary>
public sealed class RecentLoginConfirmTests
{
    private static readonly TimeSpan PastTheWindow = TimeSpan.FromMinutes(11);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OldLogin_EveryConfirmPageAsksToLogIn_PostDoesNothing_LoginComesBackAndDeletes(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "recent-confirm"), clock);
        var email = $"leaver-{Guid.NewGuid():N}@exampleco.com";
        var target = (await host.CreateUsersAsync(email))[0];
        var employeeRole = await RoleIdAsync(host, "Employee");
        using var browser = await AdminBrowser.LoggedInAsync(host, IdentityHost.Admin);
        var deletePage = $"/admin/users/{target}/delete";
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(deletePage)).StatusCode);

        clock.Advance(PastTheWindow);
        foreach (var path in ConfirmPagesTests.ConfirmPaths(target, employeeRole))
        {
            ExpectRedirect(await browser.Http.GetAsync(path), "http://localhost/account/login?ReturnUrl=" + Uri.EscapeDataString(path));
        }

        // The rest of the admin pages still work with the older login; a confirmation posted with it (and a valid
        // antiforgery token) is not carried out.
        var token = OidcTestClient.AntiforgeryToken(await browser.Http.GetStringAsync($"/admin/users/{target}"));
        var posted = await browser.Http.PostAsync(deletePage, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var login = ExpectRedirect(posted, "http://localhost/account/login?ReturnUrl=" + Uri.EscapeDataString(deletePage));
        Assert.NotNull(await FindAsync(host, email));

        var back = await browser.PostLoginAsync(login, IdentityHost.Admin, IdentityHost.DemoPassword);
        Assert.Equal(deletePage, ExpectRedirect(back, deletePage));
        var deleted = await browser.ConfirmAsync(deletePage, $"Delete {email}?");
        Assert.Equal("/admin/users", deleted.Headers.Location!.OriginalString);
        Assert.Null(await FindAsync(host, email));
        Assert.Contains(host.Logs.Lines, l => l.EventId == 1039);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OldLogin_AdminWithASecondFactor_LogsInWithTheCode_AndComesBackToTheConfirmation(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "recent-confirm-mfa"), clock);
        var email = $"admin-{Guid.NewGuid():N}@exampleco.com";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Second Admin" };
            Assert.True((await users.CreateAsync(user, IdentityHost.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "Admin")).Succeeded);
        }

        using var browser = await AdminBrowser.LoggedInAsync(host, email);
        var (key, _, _) = await browser.EnrolOnAccountPageAsync();

        clock.Advance(PastTheWindow);
        var login = ExpectRedirect(await browser.Http.GetAsync("/admin/keys/rotate"), "http://localhost/account/login?ReturnUrl=%2Fadmin%2Fkeys%2Frotate");
        var codePage = ExpectRedirect(await browser.PostLoginAsync(login, email, IdentityHost.DemoPassword), CodePage);
        // The enrolment spent this step's code: the next step's, as a phone shows it 30 s later.
        var afterCode = await browser.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = Totp(key, 1) });
        Assert.Equal("/admin/keys/rotate", ExpectRedirect(afterCode, "/admin/keys/rotate"));
        var rotated = await browser.ConfirmAsync("/admin/keys/rotate", "Rotate the signing key?");
        Assert.Equal("/admin/keys", rotated.Headers.Location!.OriginalString);
    }

    private static async Task<ApplicationUser?> FindAsync(IdentityHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
    }

    private static async Task<string> RoleIdAsync(IdentityHost host, string name)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<RoleManager<ApplicationRole>>().FindByNameAsync(name))!.Id;
    }
}
