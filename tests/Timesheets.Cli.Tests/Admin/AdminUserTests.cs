using System.Net;
using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Admin;

public abstract class AdminUserTests(CliFixture fixture)
{
    private static string NewEmail(string tag) => $"{tag}-{Guid.NewGuid():N}"[..20] + "@exampleco.com";

    [Fact]
    public async Task UsersInvite_PrintsTheSetPasswordLink_AndTheUserIsFoundBySearch()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var email = NewEmail("ann");

        var invite = await admin.RunAsync("admin", "users", "invite", email, "--name", "Ann Invited", "--role", "Employee", "--contractor");

        Assert.True(invite.ExitCode == 0, invite.ToString());
        Assert.Contains($"Invited {email}", invite.Out, StringComparison.Ordinal);
        var link = invite.Out.Split('\n').Single(l => l.StartsWith(IdentityHost.Issuer, StringComparison.Ordinal)).Trim();
        using var browser = fixture.Identity.CreateOidcClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(new Uri(link).PathAndQuery)).StatusCode);

        var list = await admin.RunAsync("admin", "users", "list", "--search", email[..12]);
        Assert.Contains(email, list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(IdentityHost.Employee, list.Out, StringComparison.Ordinal);
        Assert.Contains("Showing 1–1 of 1 users", list.Out, StringComparison.Ordinal);

        var shown = (await admin.RunAsync("admin", "users", "show", email, "--json")).Json;
        Assert.Equal("Ann Invited", shown.GetProperty("name").GetString());
        Assert.True(shown.GetProperty("contractor").GetBoolean());
        var roles = await admin.RunAsync("admin", "users", "roles", email);
        Assert.Contains("Employee", roles.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAssignAndUnassign_ChangeTheUsersRoles()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var email = NewEmail("bob");
        Assert.Equal(0, (await admin.RunAsync("admin", "users", "invite", email, "--role", "Employee")).ExitCode);

        var assign = await admin.RunAsync("admin", "users", "assign", email, "Manager");
        var afterAssign = (await admin.RunAsync("admin", "users", "roles", email, "--json")).Json;
        var unassign = await admin.RunAsync("admin", "users", "unassign", email, "Employee");
        var afterUnassign = (await admin.RunAsync("admin", "users", "roles", email, "--json")).Json;

        Assert.True(assign.ExitCode == 0, assign.ToString());
        Assert.Equal(["Employee", "Manager"], afterAssign.EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order());
        Assert.True(unassign.ExitCode == 0, unassign.ToString());
        Assert.Equal(["Manager"], afterUnassign.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var unknown = await admin.RunAsync("admin", "users", "assign", email, "NoSuchRole");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No role is named NoSuchRole", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersBlock_TheUserCannotLogIn_UntilUnblocked()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        using var contractor = await CliUser.LoggedInAsync(fixture, IdentityHost.Contractor);

        try
        {
            var block = await admin.RunAsync("admin", "users", "block", IdentityHost.Contractor);
            var blocked = (await admin.RunAsync("admin", "users", "show", IdentityHost.Contractor, "--json")).Json;
            // whoami renews the session first (5-second tokens here): the refresh of a blocked user is refused at once.
            var whoami = await contractor.RunAsync("whoami");

            Assert.True(block.ExitCode == 0, block.ToString());
            Assert.Contains($"Blocked {IdentityHost.Contractor}", block.Out, StringComparison.Ordinal);
            Assert.True(blocked.GetProperty("blocked").GetBoolean());
            Assert.Equal(3, whoami.ExitCode);
        }
        finally
        {
            Assert.Equal(0, (await admin.RunAsync("admin", "users", "unblock", IdentityHost.Contractor)).ExitCode);
        }

        Assert.False((await admin.RunAsync("admin", "users", "show", IdentityHost.Contractor, "--json")).Json.GetProperty("blocked").GetBoolean());
        await contractor.LoginAsync(IdentityHost.Contractor);
    }

    [Fact]
    public async Task UsersDelete_AsksFirst_ThenDeletes()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var email = NewEmail("del");
        Assert.Equal(0, (await admin.RunAsync("admin", "users", "invite", email)).ExitCode);

        var unconfirmed = await admin.RunAsync("admin", "users", "delete", email);
        var stillThere = await admin.RunAsync("admin", "users", "show", email);
        var delete = await admin.RunAsync("admin", "users", "delete", email, "--yes");
        var gone = await admin.RunAsync("admin", "users", "show", email);

        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Equal(0, stillThere.ExitCode);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(2, gone.ExitCode);
        Assert.Contains($"No user has the email {email}", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersResetPassword_PrintsALink_AndUnlockAndResetMfaAnswer()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var email = NewEmail("pwd");
        var id = (await admin.RunAsync("admin", "users", "invite", email, "--json")).Json.GetProperty("user_id").GetString()!;

        var reset = await admin.RunAsync("admin", "users", "reset-password", id);
        var unlock = await admin.RunAsync("admin", "users", "unlock", email);
        var mfa = await admin.RunAsync("admin", "users", "reset-mfa", email);

        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains($"Give {email} this link", reset.Out, StringComparison.Ordinal);
        Assert.Contains(reset.Out.Split('\n'), l => l.StartsWith(IdentityHost.Issuer, StringComparison.Ordinal));
        Assert.True(unlock.ExitCode == 0, unlock.ToString());
        Assert.True(mfa.ExitCode == 0, mfa.ToString());
    }

    [Fact]
    public async Task UsersList_Json_IsTheApisPage()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);

        var page = (await admin.RunAsync("admin", "users", "list", "--per-page", "2", "--page", "0", "--json")).Json;

        Assert.Equal(2, page.GetProperty("limit").GetInt32());
        Assert.Equal(2, page.GetProperty("users").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 4);
        Assert.All(page.GetProperty("users").EnumerateArray(), u => Assert.False(string.IsNullOrEmpty(u.GetProperty("user_id").GetString())));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminUserTestsOnSqlite(SqliteCliFixture fixture) : AdminUserTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AdminUserTestsOnPostgres(PostgresCliFixture fixture) : AdminUserTests(fixture);
