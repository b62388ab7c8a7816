using System.Net;
using System.Net.Http.Headers;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Timesheets;

public abstract class EntryTests(ApiFixture fixture)
{
    [Fact]
    public async Task Create_ValidEntry_Returns201WithLocationOwnerAndPendingStatus()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var day = fixture.NextDay();
        var response = await client.PostJsonAsync("/timesheets", new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 7.5m, notes = "standup", status = "approved", user_id = "someone@else.com" });
        var entry = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal($"/timesheets/{entry.GetProperty("id").GetInt64()}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        // Owner, status and source are the server's, whatever the body says.
        Assert.Equal(IdentityHost.Employee, entry.GetProperty("user_id").GetString());
        Assert.Equal("pending", entry.GetProperty("status").GetString());
        Assert.False(entry.GetProperty("approved").GetBoolean());
        Assert.Equal("app", entry.GetProperty("source").GetString());
        Assert.Equal(7.5m, entry.GetProperty("hours").GetDecimal());
        Assert.Equal("Internal", entry.GetProperty("project").GetString());

        var fetched = await (await client.GetAsync(response.Headers.Location)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("standup", fetched.GetProperty("notes").GetString());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"date":"{day}","project":"Internal","hours":0}""", "hours" },
        { """{"date":"{day}","project":"Internal","hours":-1}""", "hours" },
        { """{"date":"{day}","project":"Internal","hours":24.01}""", "hours" },
        { """{"date":"{day}","project":"Internal","hours":1.234}""", "hours" },
        { """{"project":"Internal","hours":1}""", "date" },
        { """{"date":"2001-01-01","project":"Internal","hours":1}""", "date" },
        { """{"date":"2999-01-01","project":"Internal","hours":1}""", "date" },
        { """{"date":"{day}","hours":1}""", "project" },
        { """{"date":"{day}","project":"No Such Project","hours":1}""", "project" },
        { """{"date":"{day}","project":"Internal"}""", "hours" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_BreakingARule_ReturnsValidationProblemOnThatField(string body, string field)
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var day = fixture.NextDay();
        var response = await client.PostRawAsync("/timesheets", body.Replace("{day}", day.ToString("yyyy-MM-dd"), StringComparison.Ordinal));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields(), StringComparer.OrdinalIgnoreCase);
        var list = await (await client.GetAsync($"/timesheets?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Create_NotesOver2000Characters_ReturnsValidationProblem()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var response = await client.PostJsonAsync("/timesheets", new { date = fixture.NextDay().ToString("yyyy-MM-dd"), project = "Internal", hours = 1, notes = new string('x', 2001) });
        Assert.Contains("notes", (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_DayWouldExceed24Hours_ReturnsValidationProblemOnHours()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var day = fixture.NextDay();
        await client.CreateEntryAsync(day, 20);
        await client.CreateEntryAsync(day, 4);
        var response = await client.PostJsonAsync("/timesheets", new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 0.01m });
        Assert.Equal(["hours"], (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Create_ParallelPostsOnOneDay_NeverExceed24Hours()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var day = fixture.NextDay();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            client.PostJsonAsync("/timesheets", new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 8 })));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        await Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Created).AssertProblemAsync(HttpStatusCode.BadRequest);
        var list = await (await client.GetAsync($"/timesheets?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(24m, list.EnumerateArray().Sum(e => e.GetProperty("hours").GetDecimal()));
    }

    [Fact]
    public async Task Create_RetriedWithSameIdempotencyKey_StoresOneEntry()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Contractor);
        var day = fixture.NextDay();
        var key = Guid.NewGuid().ToString();
        var body = new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 3 };
        async Task<HttpResponseMessage> PostAsync(object b)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/timesheets") { Content = System.Net.Http.Json.JsonContent.Create(b, options: Http.Json) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var first = await (await PostAsync(body)).AssertStatusAsync(HttpStatusCode.Created);
        var retry = await PostAsync(body);
        var second = await retry.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        var list = await (await client.GetAsync($"/timesheets?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetArrayLength());

        await (await PostAsync(new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 4 })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task OtherUsersEntry_GetPutDelete_Return404()
    {
        using var owner = await fixture.ClientAsync(IdentityHost.Employee);
        using var other = await fixture.ClientAsync(IdentityHost.Contractor);
        var day = fixture.NextDay();
        var id = (await owner.CreateEntryAsync(day)).GetProperty("id").GetInt64();
        await (await other.GetAsync($"/timesheets/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutJsonAsync($"/timesheets/{id}", new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"/timesheets/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await (await other.GetAsync($"/timesheets?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetArrayLength());
        await (await owner.GetAsync($"/timesheets/{id}")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Update_WithCurrentETag_Succeeds_AndStaleETag_Returns412()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var day = fixture.NextDay();
        var created = await client.CreateEntryAsync(day, 2);
        var id = created.GetProperty("id").GetInt64();
        var etag = created.GetProperty("etag").GetString()!;

        var update = new HttpRequestMessage(HttpMethod.Put, $"/timesheets/{id}") { Content = System.Net.Http.Json.JsonContent.Create(new { date = day.ToString("yyyy-MM-dd"), project = "Mobile App", hours = 3.25m }, options: Http.Json) };
        update.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        var updatedResponse = await client.SendAsync(update);
        var updated = await updatedResponse.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3.25m, updated.GetProperty("hours").GetDecimal());
        Assert.Equal("Mobile App", updated.GetProperty("project").GetString());
        Assert.NotEqual(etag, updated.GetProperty("etag").GetString());

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/timesheets/{id}") { Content = System.Net.Http.Json.JsonContent.Create(new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 1 }, options: Http.Json) };
        stale.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        await (await client.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var current = await (await client.GetAsync($"/timesheets/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3.25m, current.GetProperty("hours").GetDecimal());
    }

    [Fact]
    public async Task Delete_OwnPendingEntry_Returns204_ThenGone()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var id = (await client.CreateEntryAsync(fixture.NextDay())).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/timesheets/{id}")).StatusCode);
        await (await client.GetAsync($"/timesheets/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_WithLimit_PagesThroughLinkNextWithoutGapsOrDuplicates()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Contractor);
        var days = Enumerable.Range(0, 3).Select(_ => fixture.NextDay()).ToList();
        var ids = new List<long>();
        foreach (var day in days)
        {
            ids.Add((await client.CreateEntryAsync(day, 1)).GetProperty("id").GetInt64());
            ids.Add((await client.CreateEntryAsync(day, 2)).GetProperty("id").GetInt64());
        }

        var seen = new List<long>();
        string? next = $"/timesheets?from={days.Min():yyyy-MM-dd}&to={days.Max():yyyy-MM-dd}&limit=4";
        var pages = 0;
        while (next is not null)
        {
            var response = await client.GetAsync(next);
            var page = await response.AssertStatusAsync(HttpStatusCode.OK);
            seen.AddRange(page.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Single().Split(';')[0].Trim('<', '>', ' ')
                : null;
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task List_FilterByStatusAndProject_ReturnsOnlyMatches()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var day = fixture.NextDay();
        await client.CreateEntryAsync(day, 1, "Internal");
        await client.CreateEntryAsync(day, 1, "Website Redesign");
        var range = $"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        var byProject = await (await client.GetAsync($"/timesheets?{range}&project=Website%20Redesign")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Website Redesign", Assert.Single(byProject.EnumerateArray()).GetProperty("project").GetString());
        var approved = await (await client.GetAsync($"/timesheets?{range}&status=approved")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, approved.GetArrayLength());
        var problem = await (await client.GetAsync($"/timesheets?{range}&status=bogus")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("status", problem.ErrorFields());
        await (await client.GetAsync("/timesheets?cursor=garbage!")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/timesheets?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EntryTestsOnSqlite(SqliteApiFixture fixture) : EntryTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EntryTestsOnPostgres(PostgresApiFixture fixture) : EntryTests(fixture);
