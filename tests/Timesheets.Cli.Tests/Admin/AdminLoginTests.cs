using Microsoft.AspNetCore.WebUtilities;
using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Admin;

public abstract class AdminLoginTests(CliFixture fixture)
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task AdminLogin_ThroughTheBrowser_AsksForTheManagementApi_AndIsKeptApartFromTheUserLogin()
    {
        using var admin = new CliUser(fixture);

        var login = await admin.AdminLoginAsync(IdentityHost.Admin);

        Assert.Contains("Logged in as", login.Out, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(admin.Opened[0].Query);
        Assert.Equal(OidcTestClient.ManagementAudience, query["audience"]);
        Assert.Equal("timesheets-cli", query["client_id"]);
        var tokenFile = Assert.Single(Directory.GetFiles(Path.Combine(admin.ConfigDirectory, "tokens"), "*.admin.json", SearchOption.AllDirectories));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        // The admin login is not a login to the Timesheets API.
        Assert.Equal(3, (await admin.RunAsync("list")).ExitCode);
        var users = await admin.RunAsync("admin", "users", "list");
        Assert.True(users.ExitCode == 0, users.ToString());
        Assert.Contains(IdentityHost.Employee, users.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCommands_WithoutAdminLogin_ExitWithLoginRequired_NamingTheAdminLogin()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Admin);

        var users = await user.RunAsync("admin", "users", "list");

        Assert.Equal(3, users.ExitCode);
        Assert.Contains("timesheets admin login", users.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCommands_OfANonAdmin_ExitWithNotAllowed_AndSayWhy()
    {
        using var employee = new CliUser(fixture);
        await employee.AdminLoginAsync(IdentityHost.Employee);

        var users = await employee.RunAsync("admin", "users", "list");
        var invite = await employee.RunAsync("admin", "users", "invite", "someone@exampleco.com");

        Assert.Equal(2, users.ExitCode);
        Assert.Contains("not allowed", users.Error, StringComparison.Ordinal);
        Assert.Contains("scope", users.Error, StringComparison.Ordinal);
        Assert.Equal(2, invite.ExitCode);
        Assert.Empty(users.Out);
    }

    [Fact]
    public async Task AdminLogout_RevokesTheAdminLogin_AndKeepsTheUserLogin()
    {
        using var admin = await CliUser.LoggedInAsync(fixture, IdentityHost.Admin);
        await admin.AdminLoginAsync(IdentityHost.Admin);

        var logout = await admin.RunAsync("admin", "logout");

        Assert.Equal(0, logout.ExitCode);
        Assert.Equal(3, (await admin.RunAsync("admin", "users", "list")).ExitCode);
        Assert.Equal(0, (await admin.RunAsync("whoami")).ExitCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminLoginTestsOnSqlite(SqliteCliFixture fixture) : AdminLoginTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AdminLoginTestsOnPostgres(PostgresCliFixture fixture) : AdminLoginTests(fixture);
