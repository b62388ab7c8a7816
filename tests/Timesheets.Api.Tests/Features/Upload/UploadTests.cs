using System.Globalization;
using System.Net;
using System.Text;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Upload;

public abstract class UploadTests(ApiFixture fixture)
{
    private static string Id() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// A CSV of <paramref name="rows"/> rows of a fresh batch: row i is user i % users (each created in Identity first:
    /// the upload refuses emails nobody has), <paramref name="daysBack"/> + i / users days ago, in Internal, with
    /// external id "batch-i" unless <paramref name="externalId"/> says otherwise.
    /// </summary>
    private async Task<string> BulkCsvAsync(int rows, int users, int daysBack, decimal hours, Func<string, int, string>? externalId = null)
    {
        var batch = Id()[..8];
        await fixture.Identity.CreateUsersAsync(Enumerable.Range(0, users).Select(u => $"bulk{u}.{batch}@exampleco.com"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var csv = new StringBuilder("user_id,date,project,hours,external_id\n");
        for (var i = 0; i < rows; i++)
        {
            var id = externalId?.Invoke(batch, i) ?? $"{batch}-{i}";
            csv.Append(CultureInfo.InvariantCulture, $"bulk{i % users}.{batch}@exampleco.com,{today.AddDays(-daysBack - (i / users)):yyyy-MM-dd},Internal,{hours},{id}\n");
        }

        return csv.ToString();
    }

    [Fact]
    public async Task Upload_JsonArray_StoresRowsForNamedUsersAsBatch()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        await employee.GetAsync("/me"); // the API has seen the employee, so the upload can name their sub
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        var rows = new object[]
        {
            new { user_id = IdentityHost.Employee, date = day, project = "Internal", hours = 2.5m, external_id = Id() },
            new { user_id = IdentityHost.Contractor, date = day, project = "Mobile App", hours = 3, notes = "imported", external_id = Id() },
        };
        var result = await (await machine.PostJsonAsync("/timesheets/upload", rows)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("created").GetInt32());

        var mine = await (await employee.GetAsync($"/timesheets?from={day}&to={day}")).AssertStatusAsync(HttpStatusCode.OK);
        var entry = Assert.Single(mine.EnumerateArray());
        Assert.Equal("batch", entry.GetProperty("source").GetString());
        Assert.Equal(2.5m, entry.GetProperty("hours").GetDecimal());
        Assert.Equal("pending", entry.GetProperty("status").GetString());
        Assert.Equal(day, entry.GetProperty("date").GetString());
        Assert.Equal("Internal", entry.GetProperty("project").GetString());
    }

    [Fact]
    public async Task Upload_SingleObject_IsOneRow()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        await fixture.Identity.CreateUsersAsync("single@exampleco.com");
        var row = new { user_id = "single@exampleco.com", date = fixture.NextDay().ToString("yyyy-MM-dd"), project = "Internal", hours = 1, external_id = Id() };
        var result = await (await machine.PostJsonAsync("/timesheets/upload", row)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Upload_OneBadRow_StoresNothing_AndReportsEveryRowError()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        var rows = new object[]
        {
            new { user_id = IdentityHost.Employee, date = day, project = "Internal", hours = 1, external_id = Id() },
            new { user_id = IdentityHost.Employee, date = day, project = "Internal", hours = 1.234m, external_id = Id() },
            new { user_id = "not-an-email", date = day, project = "Nope", hours = 1, external_id = Id() },
        };
        var problem = await (await machine.PostJsonAsync("/timesheets/upload", rows)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((2, "hours"), errors);
        Assert.Contains((3, "user_id"), errors);
        Assert.Contains((3, "project"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == 1);
        var mine = await (await employee.GetAsync($"/timesheets?from={day}&to={day}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, mine.GetArrayLength());
    }

    [Fact]
    public async Task Upload_DayOver24HoursAcrossRows_StoresNothing()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        await fixture.Identity.CreateUsersAsync("long.day@exampleco.com");
        var rows = Enumerable.Range(0, 3).Select(_ => new { user_id = "long.day@exampleco.com", date = day, project = "Internal", hours = 10, external_id = Id() });
        var problem = await (await machine.PostJsonAsync("/timesheets/upload", rows)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("hours", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Upload_CsvRunTwice_SecondRunSkipsStoredExternalIds()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        await fixture.Identity.CreateUsersAsync("csv.one@exampleco.com", "csv.two@exampleco.com");
        var csv = "user_id,date,project,hours,notes,external_id\r\n"
            + $"csv.one@exampleco.com,{day},Internal,4,\"Notes, with comma and \"\"quotes\"\"\",{Id()}\r\n"
            + $"csv.two@exampleco.com,{day},\"Mobile App\",2.25,,{Id()}\r\n";
        var first = await (await machine.PostRawAsync("/timesheets/upload", csv, "text/csv")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, first.GetProperty("created").GetInt32());
        var second = await (await machine.PostRawAsync("/timesheets/upload", csv, "text/csv")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(2, second.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task Upload_ExternalIdRepeatedInALaterChunk_IsSkippedOnce()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        // Row 1,301 (second chunk) repeats row 11's external id (first chunk); every row is its own user and day.
        var csv = await BulkCsvAsync(1_500, users: 100, daysBack: 100, hours: 1, externalId: (batch, i) => i == 1_300 ? $"{batch}-10" : $"{batch}-{i}");
        var result = await (await machine.PostRawAsync("/timesheets/upload", csv, "text/csv")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1_499, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task Upload_CsvMissingColumn_Returns400()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var problem = await (await machine.PostRawAsync("/timesheets/upload", "user_id,date\nx@y.z,2026-01-01\n", "text/csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("project", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_TenThousandCsvRows_AreAllStoredInChunks()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        // 200 users × 50 days, one row per user and day: ten chunks of the streamed reader.
        var csv = await BulkCsvAsync(10_000, users: 200, daysBack: 200, hours: 0.5m);
        var result = await (await machine.PostRawAsync("/timesheets/upload", csv, "text/csv")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(10_000, result.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Upload_UnsupportedMediaType_Returns415()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        await (await machine.PostRawAsync("/timesheets/upload", "<xml/>", "application/xml")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UploadTestsOnSqlite(SqliteApiFixture fixture) : UploadTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UploadTestsOnPostgres(PostgresApiFixture fixture) : UploadTests(fixture);
