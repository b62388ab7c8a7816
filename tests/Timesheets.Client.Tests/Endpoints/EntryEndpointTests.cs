using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Endpoints;

public abstract class EntryEndpointTests(ClientFixture fixture)
{
    [Fact]
    public async Task CreateEntry_ValidDraft_IsStoredAndReadBackWithItsETag()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var day = fixture.NextDay();

        var created = await client.CreateEntryAsync(Entries.On(day, 7.5m, notes: "standup"));

        var entry = created.Ok();
        Assert.Equal((day, 7.5m, "pending", "employee@exampleco.com"), (entry.Date, entry.Hours, entry.Status, entry.UserId));
        Assert.Equal(entry.Etag, created.ETag);
        var read = (await client.GetEntryAsync(entry.Id)).Ok();
        Assert.Equal("standup", read.Notes);
    }

    [Fact]
    public async Task CreateEntry_BadDraft_NamesEachFieldWithItsMessage()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;

        var problem = (await client.CreateEntryAsync(Entries.On(fixture.NextDay(), 1.005m))).Refused(ProblemKind.Invalid, 400);

        Assert.Equal(["The hours have at most two decimals."], problem.Errors["hours"]);
    }

    [Fact]
    public async Task CreateEntry_UnknownProject_NamesTheProject()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;

        var problem = (await client.CreateEntryAsync(Entries.On(fixture.NextDay(), 1, project: "No such project"))).Refused(ProblemKind.Invalid, 400);

        Assert.Equal(["There is no project named 'No such project'."], problem.Errors["project"]);
    }

    [Fact]
    public async Task GetEntry_SomeoneElses_IsNotFound()
    {
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var contractor = (await fixture.SessionAsync(IdentityHost.Contractor)).Client;
        var theirs = (await contractor.CreateEntryAsync(Entries.On(fixture.NextDay(), 2))).Ok();

        var problem = (await employee.GetEntryAsync(theirs.Id)).Refused(ProblemKind.NotFound, 404);

        Assert.Equal($"There is no entry {theirs.Id} of yours.", problem.Detail);
    }

    [Fact]
    public async Task UpdateEntry_WithCurrentETag_ChangesIt_WithStaleETag_IsA412Conflict()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var day = fixture.NextDay();
        var entry = (await client.CreateEntryAsync(Entries.On(day, 2))).Ok();

        var updated = (await client.UpdateEntryAsync(entry.Id, Entries.On(day, 3), entry.Etag)).Ok();
        var stale = (await client.UpdateEntryAsync(entry.Id, Entries.On(day, 4), entry.Etag)).Refused(ProblemKind.Conflict, 412);

        Assert.Equal(3, updated.Hours);
        Assert.NotEqual(entry.Etag, updated.Etag);
        Assert.Contains("changed since you read it", stale.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await client.GetEntryAsync(entry.Id)).Ok().Hours);
    }

    [Fact]
    public async Task DeleteEntry_Own_IsGone_Unknown_IsNotFound()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var entry = (await client.CreateEntryAsync(Entries.On(fixture.NextDay(), 1))).Ok();

        (await client.DeleteEntryAsync(entry.Id, entry.Etag)).Ok();

        (await client.GetEntryAsync(entry.Id)).Refused(ProblemKind.NotFound, 404);
        (await client.DeleteEntryAsync(entry.Id)).Refused(ProblemKind.NotFound, 404);
    }

    [Fact]
    public async Task ListEntries_MoreThanOnePage_NextPageAsyncReadsTheRestOnce()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var days = Enumerable.Range(0, 5).Select(_ => fixture.NextDay()).ToList();
        var ids = new List<long>();
        foreach (var day in days)
        {
            ids.Add((await client.CreateEntryAsync(Entries.On(day, 1))).Ok().Id);
        }

        var query = new EntryQuery { From = days.Min(), To = days.Max(), Limit = 2 };
        var page = (await client.ListEntriesAsync(query)).Ok();
        var seen = new List<long>(page.Items.Select(e => e.Id));
        var pages = 1;
        while (page.Next is { } next)
        {
            page = (await client.NextPageAsync(next)).Ok();
            seen.AddRange(page.Items.Select(e => e.Id));
            pages++;
        }

        Assert.Equal(3, pages);
        // Newest day first: the days were taken going back in time.
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ListEntries_LimitOutOfRange_NamesTheLimit()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;

        var problem = (await client.ListEntriesAsync(new EntryQuery { Limit = 0 })).Refused(ProblemKind.Invalid, 400);

        Assert.True(problem.Errors.ContainsKey("limit"));
    }
}
