using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Reports;

public abstract class ReportTests(ApiFixture fixture)
{
    [Fact]
    public async Task Summary_OwnByDayAndProject_SumsHours_AndCsvWorks()
    {
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var first = fixture.NextDay();
        var second = fixture.NextDay();
        await employee.CreateEntryAsync(first, 1.25m, "Website Redesign");
        await employee.CreateEntryAsync(first, 2, "Website Redesign");
        await employee.CreateEntryAsync(second, 3, "Website Redesign");
        var range = $"from={second:yyyy-MM-dd}&to={first:yyyy-MM-dd}";

        var byDay = await (await employee.GetAsync($"/reports/summary?group_by=day&{range}")).AssertStatusAsync(HttpStatusCode.OK);
        var rows = byDay.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("hours").GetDecimal());
        Assert.Equal(3.25m, rows[first.ToString("yyyy-MM-dd")]);
        Assert.Equal(3m, rows[second.ToString("yyyy-MM-dd")]);
        Assert.Equal(6.25m, byDay.GetProperty("total_hours").GetDecimal());

        var byProject = await (await employee.GetAsync($"/reports/summary?group_by=project&{range}")).AssertStatusAsync(HttpStatusCode.OK);
        var row = Assert.Single(byProject.GetProperty("rows").EnumerateArray());
        Assert.Equal("Website Redesign", row.GetProperty("key").GetString());
        Assert.Equal(3, row.GetProperty("entries").GetInt32());

        var csv = await employee.GetAsync($"/reports/summary?group_by=week&{range}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("week,hours,entries\n", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_Team_NeedsApproveScope_AndGroupsByUser()
    {
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        using var manager = await fixture.ClientAsync(IdentityHost.Manager);
        var day = fixture.NextDay();
        await employee.CreateEntryAsync(day, 4);
        var range = $"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        var forbidden = await employee.GetAsync($"/reports/summary?group_by=user&scope=team&{range}");
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("insufficient_scope", forbidden.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var team = await (await manager.GetAsync($"/reports/summary?group_by=user&scope=team&{range}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(team.GetProperty("rows").EnumerateArray(), r => r.GetProperty("key").GetString() == IdentityHost.Employee && r.GetProperty("hours").GetDecimal() == 4);
        await (await manager.GetAsync($"/reports/summary?group_by=month&{range}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportTestsOnSqlite(SqliteApiFixture fixture) : ReportTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ReportTestsOnPostgres(PostgresApiFixture fixture) : ReportTests(fixture);
