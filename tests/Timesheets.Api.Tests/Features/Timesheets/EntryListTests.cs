using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Timesheets;

/// <summary>The unfiltered list (the app's first screen) is served by its own compiled query: it must answer as the filtered one does.</summary>
public abstract class EntryListTests(ApiFixture fixture)
{
    private static string? NextLink(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links) ? links.Single().Split(';')[0].Trim('<', '>', ' ') : null;

    [Fact]
    public async Task List_Unfiltered_AnswersLikeTheSameQueryWithAFilter()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Manager);
        var day = fixture.NextDay();
        for (var i = 1; i <= 3; i++)
        {
            await client.CreateEntryAsync(day, i, notes: $"list {i}");
        }

        var unfiltered = await client.GetAsync("/timesheets?limit=2");
        // A "to" far in the future filters nothing but takes the general query.
        var filtered = await client.GetAsync($"/timesheets?limit=2&to={DateOnly.FromDateTime(DateTime.UtcNow).AddYears(5):yyyy-MM-dd}");
        var page = await unfiltered.AssertStatusAsync(HttpStatusCode.OK);
        await filtered.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(await filtered.Content.ReadAsStringAsync(), await unfiltered.Content.ReadAsStringAsync());
        Assert.Equal(2, page.GetArrayLength());

        var next = NextLink(unfiltered);
        Assert.NotNull(next);
        Assert.StartsWith("/timesheets?limit=2&cursor=", next, StringComparison.Ordinal);
        Assert.Equal(NextLink(filtered)![NextLink(filtered)!.IndexOf("&cursor=", StringComparison.Ordinal)..], next["/timesheets?limit=2".Length..]);
        var second = await (await client.GetAsync(next)).AssertStatusAsync(HttpStatusCode.OK);
        var rows = page.EnumerateArray().Concat(second.EnumerateArray())
            .Select(e => (Date: e.GetProperty("date").GetString()!, Id: e.GetProperty("id").GetInt64())).ToList();
        Assert.Equal(rows.OrderByDescending(r => r.Date, StringComparer.Ordinal).ThenByDescending(r => r.Id), rows);
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Fact]
    public async Task List_Unfiltered_LimitOutOfRange_ReturnsValidationProblem()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Manager);
        var problem = await (await client.GetAsync("/timesheets?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["limit"], problem.ErrorFields());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EntryListTestsOnSqlite(SqliteApiFixture fixture) : EntryListTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EntryListTestsOnPostgres(PostgresApiFixture fixture) : EntryListTests(fixture);
