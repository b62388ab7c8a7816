using System.Net;
using System.Text.RegularExpressions;
using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Login;

public abstract partial class DeviceLoginTests(CliFixture fixture)
{
    [Fact]
    public async Task LoginDevice_TheUserAllowsItOnActivate_TheCliIsLoggedIn()
    {
        using var user = new CliUser(fixture);

        var result = await LogInOnAnotherDeviceAsync(user, ["login", "--device"], IdentityHost.Manager);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"open {IdentityHost.Issuer}activate", result.Out, StringComparison.Ordinal);
        Assert.Empty(user.Opened); // no browser on this machine
        var whoami = await user.RunAsync("whoami", "--json");
        Assert.Equal(IdentityHost.Manager, whoami.Json.GetProperty("email").GetString());
        Assert.True(whoami.Json.GetProperty("allows").GetProperty("approve").GetBoolean());
    }

    [Fact]
    public async Task AdminLoginDevice_AsksForTheManagementApi_AndTheAdminCommandsWork()
    {
        using var admin = new CliUser(fixture);

        var result = await LogInOnAnotherDeviceAsync(admin, ["admin", "login", "--device"], IdentityHost.Admin);
        var roles = await admin.RunAsync("admin", "roles", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(roles.ExitCode == 0, roles.ToString());
        Assert.Contains("Manager", roles.Out, StringComparison.Ordinal);
        Assert.Equal(3, (await admin.RunAsync("whoami")).ExitCode); // the Timesheets API login is another one
    }

    /// <summary>Runs a device login and, once the CLI shows the code, allows it on /activate as <paramref name="email"/>.</summary>
    private async Task<CliResult> LogInOnAnotherDeviceAsync(CliUser user, string[] command, string email)
    {
        using var shown = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = new SharedWriter();
        var code = new TaskCompletionSource<string>();
        output.Written = text =>
        {
            if (EnterTheCode().Match(text) is { Success: true } match)
            {
                code.TrySetResult(match.Groups[1].Value);
            }
        };

        var login = user.RunAsync(command, output, CancellationToken.None);
        await AllowOnActivateAsync(await code.Task.WaitAsync(shown.Token), email);
        return await login;
    }

    /// <summary>The user on another device: /activate, the code typed in, the real login form, then Allow.</summary>
    private async Task AllowOnActivateAsync(string userCode, string email)
    {
        using var browser = fixture.Identity.CreateOidcClient();
        var page = await browser.ReachConfirmationAsync("/activate?user_code=" + Uri.EscapeDataString(userCode), email);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.DecideAsync(page, "Allow")).StatusCode);
    }

    [GeneratedRegex(@"enter the code (\S+)")]
    private static partial Regex EnterTheCode();
}

[Collection(SqliteCollection.Name)]
public sealed class DeviceLoginTestsOnSqlite(SqliteCliFixture fixture) : DeviceLoginTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DeviceLoginTestsOnPostgres(PostgresCliFixture fixture) : DeviceLoginTests(fixture);
