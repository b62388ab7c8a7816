using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Admin;

public abstract class AdminRoleTests(CliFixture fixture)
{
    [Fact]
    public async Task Roles_CreateGrantShowRenameRevokeDelete()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);
        var name = "Auditor" + Guid.NewGuid().ToString("N")[..6];

        var create = await admin.RunAsync("admin", "roles", "create", name, "--description", "Reads the audit trail");
        var grant = await admin.RunAsync("admin", "roles", "grant", name, ApiScopes.ReadAudit, "read:logs");
        var shown = (await admin.RunAsync("admin", "roles", "show", name, "--json")).Json;
        var rename = await admin.RunAsync("admin", "roles", "rename", name, name + "s");
        var revoke = await admin.RunAsync("admin", "roles", "revoke", name + "s", "read:logs");
        var table = await admin.RunAsync("admin", "roles", "show", name + "s");
        var delete = await admin.RunAsync("admin", "roles", "delete", name + "s", "--yes");
        var list = await admin.RunAsync("admin", "roles", "list");

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(grant.ExitCode == 0, grant.ToString());
        Assert.Equal([ApiScopes.ReadAudit, "read:logs"],
            shown.GetProperty("permissions").EnumerateArray().Select(p => p.GetProperty("permission_name").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains(shown.GetProperty("permissions").EnumerateArray(),
            p => p.GetProperty("resource_server_identifier").GetString() == OidcTestClient.ManagementAudience);
        Assert.True(rename.ExitCode == 0, rename.ToString());
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains(ApiScopes.ReadAudit, table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("read:logs", table.Out, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.DoesNotContain(name, list.Out, StringComparison.Ordinal);
        Assert.Contains("Manager", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesGrant_AnUnknownPermission_IsRefusedBeforeSending()
    {
        using var admin = new CliUser(fixture);
        await admin.AdminLoginAsync(IdentityHost.Admin);

        var grant = await admin.RunAsync("admin", "roles", "grant", "Employee", "fly:planes");

        Assert.Equal(2, grant.ExitCode);
        Assert.Contains("No API has a permission named fly:planes", grant.Error, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminRoleTestsOnSqlite(SqliteCliFixture fixture) : AdminRoleTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AdminRoleTestsOnPostgres(PostgresCliFixture fixture) : AdminRoleTests(fixture);
