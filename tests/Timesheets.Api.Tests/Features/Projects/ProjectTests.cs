using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Projects;

public abstract class ProjectTests(ApiFixture fixture)
{
    [Fact]
    public async Task List_DemoProjects_AreSeeded()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var projects = await (await client.GetAsync("/projects")).AssertStatusAsync(HttpStatusCode.OK);
        var names = projects.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("Internal", names);
        Assert.Contains("Mobile App", names);
    }

    [Fact]
    public async Task Admin_CreateRenameArchive_EntriesOnArchivedProjectStayReadable()
    {
        using var admin = await fixture.ClientAsync(IdentityHost.Admin);
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var name = $"Project {Guid.NewGuid():N}"[..20];
        var created = await (await admin.PostJsonAsync("/projects", new { name })).AssertStatusAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        await (await admin.PostJsonAsync("/projects", new { name })).AssertProblemAsync(HttpStatusCode.BadRequest);

        var renamed = await (await admin.PutJsonAsync($"/projects/{id}", new { name = name + " v2" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(name + " v2", renamed.GetProperty("name").GetString());
        var day = fixture.NextDay();
        var entryId = (await employee.CreateEntryAsync(day, 1, name + " v2")).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/projects/{id}")).StatusCode);
        var problem = await (await employee.PostJsonAsync("/timesheets", new { date = fixture.NextDay().ToString("yyyy-MM-dd"), project = name + " v2", hours = 1 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("project", problem.ErrorFields());
        var entry = await (await employee.GetAsync($"/timesheets/{entryId}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(name + " v2", entry.GetProperty("project").GetString());
        var active = await (await employee.GetAsync("/projects")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(active.EnumerateArray(), p => p.GetProperty("id").GetInt64() == id);
        await (await admin.DeleteAsync("/projects/999999999")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectTestsOnSqlite(SqliteApiFixture fixture) : ProjectTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ProjectTestsOnPostgres(PostgresApiFixture fixture) : ProjectTests(fixture);
