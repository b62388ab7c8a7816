using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Admin;

public abstract class AdminAppTests(CliFixture fixture)
{
    [Fact]
    public async Task AppsCreate_AMachineClientForTheManagementApi_ItsSecretWorksForScripts_UntilRotated()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);

        var create = await admin.RunAsync("admin", "apps", "create", "Ops scripts", "--type", "machine",
            "--api", OidcTestClient.ManagementAudience, "--permission", "read:users", "--permission", "read:logs");
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("shown this once", create.Out, StringComparison.Ordinal);
        var clientId = create.Out.Split("client id ")[1].Split(')')[0];
        var secret = create.Out.Split('\n').Select(l => l.Trim()).Last(l => l.Length > 0);

        using var script = new CliUser(fixture);
        script.Environment["TIMESHEETS_ADMIN_CLIENT_ID"] = clientId;
        script.Environment["TIMESHEETS_ADMIN_CLIENT_SECRET"] = secret;
        var users = await script.RunAsync("admin", "users", "list", "--json");
        var invite = await script.RunAsync("admin", "users", "invite", "not-allowed@exampleco.com");
        using var stored = new CliUser(fixture);
        stored.Environment["TIMESHEETS_ADMIN_CLIENT_SECRET"] = secret;
        var machineLogin = await stored.RunAsync("admin", "login", "--client-id", clientId);
        var storedUsers = await stored.RunAsync("admin", "users", "list");
        var shown = (await admin.RunAsync("admin", "apps", "show", clientId, "--json")).Json;
        var unconfirmed = await admin.RunAsync("admin", "apps", "rotate-secret", clientId);
        var rotate = await admin.RunAsync("admin", "apps", "rotate-secret", clientId, "--yes");
        var afterRotation = await script.RunAsync("admin", "users", "list");

        Assert.True(users.ExitCode == 0, users.ToString());
        Assert.True(users.Json.GetProperty("total").GetInt32() >= 4);
        Assert.Equal(2, invite.ExitCode); // read:users and read:logs only
        Assert.True(machineLogin.ExitCode == 0, machineLogin.ToString());
        Assert.Contains($"machine client {clientId}", machineLogin.Out, StringComparison.Ordinal);
        Assert.Contains(IdentityHost.Employee, storedUsers.Out, StringComparison.Ordinal);
        Assert.Equal("non_interactive", shown.GetProperty("app").GetProperty("app_type").GetString());
        Assert.Contains(shown.GetProperty("grants").EnumerateArray(), g => g.GetProperty("audience").GetString() == OidcTestClient.ManagementAudience);
        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Contains("shown this once", rotate.Out, StringComparison.Ordinal);
        Assert.Equal(3, afterRotation.ExitCode);
    }

    [Fact]
    public async Task AppsAndApis_ListShowTheSystemOnes()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);

        var apps = await admin.RunAsync("admin", "apps", "list");
        var apis = (await admin.RunAsync("admin", "apis", "list", "--json")).Json;
        var api = await admin.RunAsync("admin", "apis", "show", IdentityHost.ApiAudience);

        Assert.Contains("timesheets-cli", apps.Out, StringComparison.Ordinal);
        Assert.Contains(apis.EnumerateArray(), a => a.GetProperty("identifier").GetString() == OidcTestClient.ManagementAudience);
        Assert.Contains(ApiScopes.Approve, api.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apis_CreateUpdateDelete()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var identifier = $"https://api.exampleco.com/invoices-{Guid.NewGuid():N}";

        var create = await admin.RunAsync("admin", "apis", "create", identifier, "--name", "Invoices", "--permission", "read:invoices=Read invoices");
        var update = await admin.RunAsync("admin", "apis", "update", identifier, "--name", "Invoicing", "--allow-refresh", "false", "--json");
        var delete = await admin.RunAsync("admin", "apis", "delete", identifier, "--yes");
        var gone = await admin.RunAsync("admin", "apis", "show", identifier);

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("read:invoices", create.Out, StringComparison.Ordinal);
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal("Invoicing", update.Json.GetProperty("name").GetString());
        Assert.False(update.Json.GetProperty("allow_offline_access").GetBoolean());
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(2, gone.ExitCode);
    }

    [Fact]
    public async Task KeysRotate_ANewKeyIsListed_AndTheAdminsLoginKeepsWorking()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var before = (await admin.RunAsync("admin", "keys", "list", "--json")).Json.EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();

        var rotate = await admin.RunAsync("admin", "keys", "rotate", "--yes", "--json");
        var after = await admin.RunAsync("admin", "keys", "list");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        var kid = rotate.Json.GetProperty("kid").GetString()!;
        Assert.DoesNotContain(kid, before);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains(kid, after.Out, StringComparison.Ordinal);
        var unconfirmed = await admin.RunAsync("admin", "keys", "revoke", kid);
        Assert.Equal(1, unconfirmed.ExitCode);
    }

    [Fact]
    public async Task Logs_ShowTheAdminsChanges_FilteredByType()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var email = $"log-{Guid.NewGuid():N}"[..16] + "@exampleco.com";
        Assert.Equal(0, (await admin.RunAsync("admin", "users", "invite", email)).ExitCode);

        var logs = await admin.RunAsync("admin", "logs", "--type", "sapi", "--json");
        var table = await admin.RunAsync("admin", "logs", "--type", "sapi");

        Assert.True(logs.ExitCode == 0, logs.ToString());
        var events = logs.Json.GetProperty("logs").EnumerateArray().ToList();
        Assert.All(events, e => Assert.Equal("sapi", e.GetProperty("type").GetString()));
        Assert.Contains(events, e => e.GetProperty("description").GetString()!.Contains(email, StringComparison.Ordinal));
        Assert.Contains(email, table.Out, StringComparison.Ordinal);
        Assert.Contains(IdentityHost.Admin, table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsFollow_PrintsNewEventsAsTheyHappen_UntilInterrupted()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var email = $"follow-{Guid.NewGuid():N}"[..16] + "@exampleco.com";
        var output = new SharedWriter();
        var seen = new TaskCompletionSource();
        output.Written = text =>
        {
            if (text.Contains(email, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        };
        using var interrupt = new CancellationTokenSource();

        var follow = admin.RunAsync(["admin", "logs", "--type", "sapi", "--per-page", "5", "--follow"], output, interrupt.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await admin.RunAsync("admin", "users", "invite", email)).ExitCode);
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await interrupt.CancelAsync();
        var result = await follow;

        Assert.Equal(130, result.ExitCode);
        Assert.Contains($"Invited user {email}", result.Out, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminAppTestsOnSqlite(SqliteCliFixture fixture) : AdminAppTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AdminAppTestsOnPostgres(PostgresCliFixture fixture) : AdminAppTests(fixture);
