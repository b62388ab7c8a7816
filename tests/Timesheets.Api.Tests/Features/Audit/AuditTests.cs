using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Audit;

public abstract class AuditTests(ApiFixture fixture)
{
    [Fact]
    public async Task Audit_CreateEditRejectDelete_AreRecordedWithActorAndBeforeAfter()
    {
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        using var admin = await fixture.ClientAsync(IdentityHost.Admin);
        var day = fixture.NextDay();
        var id = (await employee.CreateEntryAsync(day, 1)).GetProperty("id").GetInt64();
        await (await employee.PutJsonAsync($"/timesheets/{id}", new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 2 })).AssertStatusAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/approvals/{id}/reject", new { reason = "Split it" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await employee.DeleteAsync($"/timesheets/{id}")).StatusCode);

        var events = await (await admin.GetAsync($"/audit?entity_type=timesheet&entity_id={id}")).AssertStatusAsync(HttpStatusCode.OK);
        var actions = events.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["delete", "reject", "update", "create"], actions);
        var reject = events.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "reject");
        Assert.Equal(IdentityHost.Admin, reject.GetProperty("actor_email").GetString());
        Assert.Contains("\"pending\"", reject.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"rejected\"", reject.GetProperty("after").GetString(), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditTestsOnSqlite(SqliteApiFixture fixture) : AuditTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AuditTestsOnPostgres(PostgresApiFixture fixture) : AuditTests(fixture);
