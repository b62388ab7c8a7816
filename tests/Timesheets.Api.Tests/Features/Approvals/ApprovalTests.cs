using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Approvals;

public abstract class ApprovalTests(ApiFixture fixture)
{
    [Fact]
    public async Task Approve_OthersPendingEntry_RecordsReviewerAndLocksEntry()
    {
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        using var manager = await fixture.ClientAsync(IdentityHost.Manager);
        var day = fixture.NextDay();
        var id = (await employee.CreateEntryAsync(day, 6)).GetProperty("id").GetInt64();

        var pending = await (await manager.GetAsync($"/approvals?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(pending.EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);

        // The original API's approve has no body.
        var approved = await (await manager.PutAsync($"/approvals/{id}", null)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.True(approved.GetProperty("approved").GetBoolean());
        Assert.Equal(IdentityHost.Manager, approved.GetProperty("reviewed_by").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, approved.GetProperty("reviewed_at").ValueKind);

        await (await manager.PutAsync($"/approvals/{id}", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await employee.PutJsonAsync($"/timesheets/{id}", new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 1 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await employee.DeleteAsync($"/timesheets/{id}")).AssertProblemAsync(HttpStatusCode.Conflict);
        var mine = await (await employee.GetAsync($"/timesheets/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("approved", mine.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approve_OwnEntry_Returns403_AndOwnEntriesAreNotListed()
    {
        using var manager = await fixture.ClientAsync(IdentityHost.Manager);
        var day = fixture.NextDay();
        var id = (await manager.CreateEntryAsync(day)).GetProperty("id").GetInt64();
        await (await manager.PutAsync($"/approvals/{id}", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.PostJsonAsync($"/approvals/{id}/reject", new { reason = "no" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var pending = await (await manager.GetAsync($"/approvals?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(pending.EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Approve_UnknownEntry_Returns404()
    {
        using var manager = await fixture.ClientAsync(IdentityHost.Manager);
        await (await manager.PutAsync("/approvals/999999999", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reject_WithoutReason_Returns400_WithReason_AllowsEditAndResubmit()
    {
        using var contractor = await fixture.ClientAsync(IdentityHost.Contractor);
        using var admin = await fixture.ClientAsync(IdentityHost.Admin);
        var day = fixture.NextDay();
        var id = (await contractor.CreateEntryAsync(day, 5)).GetProperty("id").GetInt64();

        var problem = await (await admin.PostJsonAsync($"/approvals/{id}/reject", new { reason = "  " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("reason", problem.ErrorFields(), StringComparer.OrdinalIgnoreCase);
        var rejected = await (await admin.PostJsonAsync($"/approvals/{id}/reject", new { reason = "Wrong project" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("Wrong project", rejected.GetProperty("rejection_reason").GetString());

        var resubmitted = await (await contractor.PutJsonAsync($"/timesheets/{id}", new { date = day.ToString("yyyy-MM-dd"), project = "Mobile App", hours = 5 })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("pending", resubmitted.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, resubmitted.GetProperty("rejection_reason").ValueKind);
    }

    [Fact]
    public async Task Bulk_OneRefusedId_ChangesNothing_AllValid_ChangesAll()
    {
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        using var manager = await fixture.ClientAsync(IdentityHost.Manager);
        var day = fixture.NextDay();
        var a = (await employee.CreateEntryAsync(day, 1)).GetProperty("id").GetInt64();
        var b = (await employee.CreateEntryAsync(day, 2)).GetProperty("id").GetInt64();
        var own = (await manager.CreateEntryAsync(day, 1)).GetProperty("id").GetInt64();

        var refused = await (await manager.PostJsonAsync("/approvals/bulk", new { action = "approve", ids = new[] { a, b, own } })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(own, Assert.Single(refused.GetProperty("refused").EnumerateArray()).GetProperty("id").GetInt64());
        var stillPending = await (await employee.GetAsync($"/timesheets?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&status=pending")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, stillPending.GetArrayLength());

        var done = await (await manager.PostJsonAsync("/approvals/bulk", new { action = "reject", ids = new[] { a, b }, reason = "Duplicate" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.All(done.EnumerateArray(), e => Assert.Equal("rejected", e.GetProperty("status").GetString()));
        await (await manager.PostJsonAsync("/approvals/bulk", new { action = "reject", ids = new[] { a } })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApprovalTestsOnSqlite(SqliteApiFixture fixture) : ApprovalTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ApprovalTestsOnPostgres(PostgresApiFixture fixture) : ApprovalTests(fixture);
