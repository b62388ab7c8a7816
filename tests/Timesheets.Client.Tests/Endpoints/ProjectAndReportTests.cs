using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Endpoints;

public abstract class ProjectAndReportTests(ClientFixture fixture)
{
    [Fact]
    public async Task Projects_AdminCreatesRenamesArchives_EmployeeSeesOnlyActiveOnes()
    {
        var admin = (await fixture.SessionAsync(IdentityHost.Admin)).Client;
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var name = $"Client {Guid.NewGuid():N}"[..20];

        var created = (await admin.CreateProjectAsync(name)).Ok();
        var renamed = (await admin.RenameProjectAsync(created.Id, name + " v2")).Ok();
        Assert.Contains((await employee.ListProjectsAsync()).Ok(), p => p.Id == created.Id && p.Name == name + " v2");
        (await admin.ArchiveProjectAsync(created.Id)).Ok();

        Assert.Equal(name + " v2", renamed.Name);
        Assert.DoesNotContain((await employee.ListProjectsAsync()).Ok(), p => p.Id == created.Id);
        Assert.Contains((await employee.ListProjectsAsync(includeArchived: true)).Ok(), p => p.Id == created.Id && p.Archived);
    }

    [Fact]
    public async Task Projects_EmployeeChanging_IsForbidden_UnknownOrDuplicate_IsRefused()
    {
        var admin = (await fixture.SessionAsync(IdentityHost.Admin)).Client;
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;

        (await employee.CreateProjectAsync("Mine")).Refused(ProblemKind.Forbidden, 403);
        (await employee.ArchiveProjectAsync(1)).Refused(ProblemKind.Forbidden, 403);
        (await admin.RenameProjectAsync(long.MaxValue, "Nobody's")).Refused(ProblemKind.NotFound, 404);
        var duplicate = (await admin.CreateProjectAsync("Internal")).Refused(ProblemKind.Invalid, 400);
        Assert.Equal(["A project named 'Internal' already exists."], duplicate.Errors["name"]);
    }

    [Fact]
    public async Task Summary_OwnByDay_SumsTheDay_CsvHasAHeaderAndTheSameRow()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Contractor)).Client;
        var day = fixture.NextDay();
        (await client.CreateEntryAsync(Entries.On(day, 2.5m))).Ok();
        (await client.CreateEntryAsync(Entries.On(day, 1.25m, project: "Website Redesign"))).Ok();
        var query = new ReportQuery { From = day, To = day, GroupBy = "day" };

        var summary = (await client.GetSummaryAsync(query)).Ok();
        var csv = (await client.GetSummaryCsvAsync(query)).Ok();

        Assert.Equal(3.75m, summary.TotalHours);
        var row = Assert.Single(summary.Rows);
        Assert.Equal((day.Iso(), 3.75m, 2), (row.Key, row.Hours, row.Entries));
        Assert.Equal(["day,hours,entries", $"{day.Iso()},3.75,2"], csv.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Summary_TeamWithoutApproveScope_IsForbidden_BadGroup_NamesIt()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var day = fixture.NextDay();

        (await client.GetSummaryAsync(new ReportQuery { From = day, To = day, Scope = "team" })).Refused(ProblemKind.Forbidden, 403);
        var problem = (await client.GetSummaryAsync(new ReportQuery { From = day, To = day, GroupBy = "month" })).Refused(ProblemKind.Invalid, 400);
        Assert.True(problem.Errors.ContainsKey("group_by"));
    }

    [Fact]
    public async Task Me_SaysWhoAndWhatScopes()
    {
        var manager = (await fixture.SessionAsync(IdentityHost.Manager)).Client;

        var me = (await manager.GetMeAsync()).Ok();

        Assert.Equal(IdentityHost.Manager, me.Email);
        Assert.Contains(ApiScopes.Approve, me.Scopes);
        Assert.DoesNotContain(ApiScopes.BatchUpload, me.Scopes);
    }

    [Fact]
    public async Task Audit_AdminReadsWhoChangedAnEntry_EmployeeIsForbidden()
    {
        var admin = (await fixture.SessionAsync(IdentityHost.Admin)).Client;
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var entry = (await employee.CreateEntryAsync(Entries.On(fixture.NextDay(), 1))).Ok();

        var events = (await admin.ListAuditAsync("timesheet", entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Ok();

        var created = Assert.Single(events);
        Assert.Equal(IdentityHost.Employee, created.ActorEmail);
        (await employee.ListAuditAsync()).Refused(ProblemKind.Forbidden, 403);
    }
}
