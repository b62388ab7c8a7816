using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Upload;

/// <summary>What an upload writes besides the entries (their ids and change rows), and that a refused one writes nothing.</summary>
public abstract class UploadStorageTests(ApiFixture fixture)
{
    private static string Id() => Guid.NewGuid().ToString("N");

    private static async Task<(List<JsonElement> Changes, string Cursor)> DrainChangesAsync(HttpClient client, string? since)
    {
        var changes = new List<JsonElement>();
        while (true)
        {
            var page = await (await client.GetAsync(since is null ? "/timesheets/changes?limit=5000" : $"/timesheets/changes?limit=5000&since={since}")).AssertStatusAsync(HttpStatusCode.OK);
            changes.AddRange(page.GetProperty("changes").EnumerateArray());
            since = page.GetProperty("cursor").GetString();
            if (!page.GetProperty("has_more").GetBoolean())
            {
                return (changes, since!);
            }
        }
    }

    [Fact]
    public async Task Upload_Csv_EachStoredEntryIsOnceInTheChangesFeed()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var (_, cursor) = await DrainChangesAsync(employee, null);
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        var csv = "user_id,date,project,hours,notes,external_id\n"
            + $"{IdentityHost.Employee},{day},Internal,1,one,{Id()}\n"
            + $"{IdentityHost.Employee},{day},Mobile App,2,two,{Id()}\n"
            + $"{IdentityHost.Employee},{day},Internal,3,,{Id()}\n";
        await (await machine.PostRawAsync("/timesheets/upload", csv, "text/csv")).AssertStatusAsync(HttpStatusCode.OK);

        var listed = await (await employee.GetAsync($"/timesheets?from={day}&to={day}")).AssertStatusAsync(HttpStatusCode.OK);
        var ids = listed.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order().ToList();
        Assert.Equal(3, ids.Count);
        Assert.All(listed.EnumerateArray(), e => Assert.Equal("batch", e.GetProperty("source").GetString()));
        var (changes, _) = await DrainChangesAsync(employee, cursor);
        Assert.Equal(ids, changes.Select(c => c.GetProperty("id").GetInt64()).Order());
        Assert.All(changes, c => Assert.False(c.GetProperty("deleted").GetBoolean()));
        Assert.Equal(
            listed.EnumerateArray().Select(e => (e.GetProperty("id").GetInt64(), e.GetProperty("hours").GetDecimal(), e.GetProperty("project").GetString())).Order(),
            changes.Select(c => c.GetProperty("entry")).Select(e => (e.GetProperty("id").GetInt64(), e.GetProperty("hours").GetDecimal(), e.GetProperty("project").GetString())).Order());
    }

    [Fact]
    public async Task Upload_BadRowAfterAFullChunk_StoresNoEntryAndNoChange()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var (_, cursor) = await DrainChangesAsync(employee, null);
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        var csv = new StringBuilder("user_id,date,project,hours,external_id\n");
        for (var i = 1; i < 1500; i++)
        {
            // The first 1,000 rows are a full chunk, written before row 1,500 is read.
            csv.Append(CultureInfo.InvariantCulture, $"{IdentityHost.Employee},{day},Internal,0.01,{Id()}\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"{IdentityHost.Employee},{day},Internal,lots,{Id()}\n");
        var problem = await (await machine.PostRawAsync("/timesheets/upload", csv.ToString(), "text/csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(1500, error.GetProperty("row").GetInt32());

        var listed = await (await employee.GetAsync($"/timesheets?from={day}&to={day}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed.GetArrayLength());
        var (changes, _) = await DrainChangesAsync(employee, cursor);
        Assert.Empty(changes);
    }

    [Fact]
    public async Task Upload_JsonCutShort_StoresNothing_AndSaysHowManyRowsWereRead()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        var row = $$"""{"user_id":"{{IdentityHost.Employee}}","date":"{{day}}","project":"Internal","hours":1,"external_id":"EXTERNAL"}""";
        var body = "[" + row.Replace("EXTERNAL", Id(), StringComparison.Ordinal) + "," + row.Replace("EXTERNAL", Id(), StringComparison.Ordinal) + ",{\"user_id\":";
        var problem = await (await machine.PostRawAsync("/timesheets/upload", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("after 2 row(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var listed = await (await employee.GetAsync($"/timesheets?from={day}&to={day}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed.GetArrayLength());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UploadStorageTestsOnSqlite(SqliteApiFixture fixture) : UploadStorageTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UploadStorageTestsOnPostgres(PostgresApiFixture fixture) : UploadStorageTests(fixture);
