using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Approvals;

public abstract class ApprovalTests(CliFixture fixture)
{
    [Fact]
    public async Task Approve_OneSeveralAndAllFromAWeek_ApprovesThem()
    {
        using var employee = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);
        using var manager = await CliUser.LoggedInAsync(fixture, IdentityHost.Manager);
        var monday = fixture.NextWeek();
        var ids = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            ids.Add((await employee.RunAsync("log", "--hours", "2", "--project", "Internal", "--date", Days.Text(monday.AddDays(day)), "--json")).Id());
        }

        var from = Days.Text(monday);
        var to = Days.Text(monday.AddDays(6));
        var waiting = await manager.RunAsync("approvals", "--from", from, "--to", to);
        Assert.Contains(IdentityHost.Employee, waiting.Out, StringComparison.Ordinal);
        Assert.Contains("3 entries, 6 h", waiting.Out, StringComparison.Ordinal);
        Assert.Equal(3, (await manager.RunAsync("approvals", "--from", from, "--to", to, "--json")).Json.GetArrayLength());

        var one = await manager.RunAsync("approve", ids[0]);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains($"Approved entry {ids[0]}", one.Out, StringComparison.Ordinal);
        var several = await manager.RunAsync("approve", ids[1], ids[2], "--json");
        Assert.Equal(0, several.ExitCode);
        Assert.All(several.Json.EnumerateArray(), e => Assert.Equal("approved", e.GetProperty("status").GetString()));
        Assert.Equal(2, several.Json.GetArrayLength());
        Assert.Equal(0, (await manager.RunAsync("approvals", "--from", from, "--to", to, "--json")).Json.GetArrayLength());

        var next = fixture.NextWeek();
        await employee.RunAsync("log", "--hours", "1", "--project", "Internal", "--date", Days.Text(next));
        await employee.RunAsync("log", "--hours", "1", "--project", "Internal", "--date", Days.Text(next.AddDays(4)));
        var all = await manager.RunAsync("approve", "--all-from", IdentityHost.Employee, "--week", Days.Week(next));
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(2, all.Out.Split("Approved entry").Length - 1);
        var mine = (await employee.RunAsync("list", "--week", Days.Week(next), "--json")).Json;
        Assert.All(mine.GetProperty("entries").EnumerateArray(), e => Assert.Equal("approved", e.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Reject_WithAReason_TheOwnerSeesIt()
    {
        using var employee = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);
        using var manager = await CliUser.LoggedInAsync(fixture, IdentityHost.Manager);
        var day = Days.Text(fixture.NextWeek());
        var id = (await employee.RunAsync("log", "--hours", "3", "--project", "Internal", "--date", day, "--json")).Id();

        var reject = await manager.RunAsync("reject", id, "--reason", "Use the Mobile App project");

        Assert.True(reject.ExitCode == 0, reject.ToString());
        var list = await employee.RunAsync("list", "--from", day, "--to", day);
        Assert.Contains("rejected: Use the Mobile App project", list.Out, StringComparison.Ordinal);
        // Rejected entries wait for their owner's edit: the server's refusal is shown, with the refused exit code.
        var again = await manager.RunAsync("approve", id);
        Assert.Equal(2, again.ExitCode);
        Assert.StartsWith("error:", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvals_WithoutTheApproveScope_AreRefused()
    {
        using var employee = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);

        var refused = await employee.RunAsync("approvals");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error:", refused.Error, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApprovalTestsOnSqlite(SqliteCliFixture fixture) : ApprovalTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ApprovalTestsOnPostgres(PostgresCliFixture fixture) : ApprovalTests(fixture);
