using System.Text;
using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Endpoints;

public abstract class UploadAndChangesTests(ClientFixture fixture)
{
    [Fact]
    public async Task UploadRows_MachineClient_StoresThem_AndARerunSkipsThem()
    {
        var machine = await fixture.MachineAsync();
        var day = fixture.NextDay();
        await fixture.Identity.CreateUsersAsync("upload.one@exampleco.com", "upload.two@exampleco.com"); // uploads may name only real users
        var rows = new List<EntryUploadRow>
        {
            new("upload.one@exampleco.com", day, "Internal", 4, "imported", $"x-{Guid.NewGuid():N}"),
            new("upload.two@exampleco.com", day, "Mobile App", 2.5m, null, $"x-{Guid.NewGuid():N}"),
        };

        var first = (await machine.UploadRowsAsync(rows)).Ok();
        var second = (await machine.UploadRowsAsync(rows)).Ok();

        Assert.Equal(new UploadResult(2, 2, 0), first);
        Assert.Equal(new UploadResult(2, 0, 2), second);
    }

    [Fact]
    public async Task UploadCsv_BadRows_NamesTheirRowsAndStoresNothing()
    {
        var machine = await fixture.MachineAsync();
        var day = fixture.NextDay().Iso();
        await fixture.Identity.CreateUsersAsync("csv.ok@exampleco.com", "csv.bad@exampleco.com"); // uploads may name only real users
        var csv = "user_id,date,project,hours,notes,external_id\n"
            + $"csv.ok@exampleco.com,{day},Internal,4,,{Guid.NewGuid():N}\n"
            + $"csv.bad@exampleco.com,{day},Internal,25,,{Guid.NewGuid():N}\n"
            + $"csv.bad@exampleco.com,{day},Nowhere,1,,{Guid.NewGuid():N}\n";

        var problem = (await machine.UploadCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)))).Refused(ProblemKind.Invalid, 400);

        // Data rows, counted from 1 after the header (docs/api.md).
        Assert.Equal([(2, "hours"), (3, "project")], problem.RowErrors.Select(e => (e.Row, e.Field)));
        Assert.Equal("There is no project named 'Nowhere'.", problem.RowErrors[1].Message);
        Assert.Equal(2, problem.RowErrorCount);
        var fixedCsv = csv.Replace(",25,", ",2,", StringComparison.Ordinal).Replace("Nowhere", "Internal", StringComparison.Ordinal);
        Assert.Equal(new UploadResult(3, 3, 0), (await machine.UploadCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(fixedCsv)))).Ok());
    }

    [Fact]
    public async Task Upload_UserWithoutBatchScope_IsForbidden()
    {
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;

        (await employee.UploadRowsAsync([new("x@exampleco.com", fixture.NextDay(), "Internal", 1, null, "e1")])).Refused(ProblemKind.Forbidden, 403);
    }

    [Fact]
    public async Task Changes_SinceACursor_BringEditsAndDeletions()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var cursor = await DrainAsync(client, null);
        var day = fixture.NextDay();
        var kept = (await client.CreateEntryAsync(Entries.On(day, 1))).Ok();
        var gone = (await client.CreateEntryAsync(Entries.On(day, 2))).Ok();
        (await client.DeleteEntryAsync(gone.Id)).Ok();

        var page = (await client.GetChangesAsync(cursor)).Ok();

        Assert.Equal([(kept.Id, false), (gone.Id, true)], page.Changes.Select(c => (c.Id, c.Deleted)));
        Assert.Null(page.Changes[1].Entry);
        Assert.Empty((await client.GetChangesAsync(page.Cursor)).Ok().Changes);
    }

    [Fact]
    public async Task Changes_ForgedCursor_NamesSince()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;

        var problem = (await client.GetChangesAsync("bm9wZQ")).Refused(ProblemKind.Invalid, 400);

        Assert.True(problem.Errors.ContainsKey("since"));
    }

    private static async Task<string> DrainAsync(TimesheetsClient client, string? cursor)
    {
        while (true)
        {
            var page = (await client.GetChangesAsync(cursor, 5000)).Ok();
            cursor = page.Cursor;
            if (!page.HasMore)
            {
                return cursor;
            }
        }
    }
}
