using System.Net;
using System.Text.Json;
using Npgsql;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Sync;

public abstract class ChangesTests(ApiFixture fixture)
{
    protected static async Task<(List<JsonElement> Changes, string Cursor)> DrainAsync(HttpClient client, string? since)
    {
        var changes = new List<JsonElement>();
        while (true)
        {
            var page = await (await client.GetAsync(since is null ? "/timesheets/changes?limit=100" : $"/timesheets/changes?limit=100&since={since}")).AssertStatusAsync(HttpStatusCode.OK);
            changes.AddRange(page.GetProperty("changes").EnumerateArray());
            since = page.GetProperty("cursor").GetString();
            if (!page.GetProperty("has_more").GetBoolean())
            {
                return (changes, since!);
            }
        }
    }

    [Fact]
    public async Task Changes_SinceCursor_ReturnLatestStatesAndTombstonesOnly()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Contractor);
        var (_, cursor) = await DrainAsync(client, null);
        var day = fixture.NextDay();
        var kept = (await client.CreateEntryAsync(day, 1)).GetProperty("id").GetInt64();
        var deleted = (await client.CreateEntryAsync(day, 2)).GetProperty("id").GetInt64();
        await (await client.PutJsonAsync($"/timesheets/{kept}", new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 1.5m })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/timesheets/{deleted}")).StatusCode);

        var (changes, next) = await DrainAsync(client, cursor);
        Assert.Equal(2, changes.Count);
        var keptChange = changes.Single(c => c.GetProperty("id").GetInt64() == kept);
        Assert.False(keptChange.GetProperty("deleted").GetBoolean());
        Assert.Equal(1.5m, keptChange.GetProperty("entry").GetProperty("hours").GetDecimal());
        var tombstone = changes.Single(c => c.GetProperty("id").GetInt64() == deleted);
        Assert.True(tombstone.GetProperty("deleted").GetBoolean());

        var (none, _) = await DrainAsync(client, next);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Changes_OtherUsersChanges_AreNotVisible()
    {
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        using var contractor = await fixture.ClientAsync(IdentityHost.Contractor);
        var (_, cursor) = await DrainAsync(contractor, null);
        await employee.CreateEntryAsync(fixture.NextDay());
        var (changes, _) = await DrainAsync(contractor, cursor);
        Assert.Empty(changes);
    }

    [Fact]
    public async Task Changes_ForgedCursor_Returns400()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        await (await client.GetAsync("/timesheets/changes?since=bm9wZQ")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChangesTestsOnSqlite(SqliteApiFixture fixture) : ChangesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ChangesTestsOnPostgres(PostgresApiFixture fixture) : ChangesTests(fixture)
{
    [Fact]
    public async Task Changes_TransactionCommittingAfterALaterChange_IsNotSkipped()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Contractor);
        var me = await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        var (_, cursor) = await DrainAsync(client, null);

        // A slow writer takes its change id first and commits last (as a long upload would).
        await using var connection = new NpgsqlConnection(fixture.Api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var slow = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            """
            WITH e AS (
                INSERT INTO "Entries" ("OwnerSub", "OwnerEmail", "Date", "ProjectId", "Centihours", "Status", "Source", "CreatedAt", "UpdatedAt", "Version")
                SELECT @sub, @email, @day, "Id", 100, 'pending', 'app', now(), now(), 1 FROM "Projects" WHERE "Name" = 'Internal'
                RETURNING "Id")
            INSERT INTO "EntryChanges" ("EntryId", "OwnerSub", "OwnerEmail", "Deleted", "At") SELECT "Id", @sub, @email, false, now() FROM e RETURNING "EntryId"
            """, connection, slow);
        insert.Parameters.AddWithValue("sub", me.GetProperty("sub").GetString()!);
        insert.Parameters.AddWithValue("email", me.GetProperty("email").GetString()!);
        insert.Parameters.AddWithValue("day", fixture.NextDay());
        var slowId = (long)(await insert.ExecuteScalarAsync())!;

        var fastId = (await client.CreateEntryAsync(fixture.NextDay(), 1)).GetProperty("id").GetInt64();
        var first = await (await client.GetAsync($"/timesheets/changes?since={cursor}")).AssertStatusAsync(HttpStatusCode.OK);
        var seen = first.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();
        await slow.CommitAsync();

        var (rest, _) = await DrainAsync(client, first.GetProperty("cursor").GetString());
        seen.AddRange(rest.Select(c => c.GetProperty("id").GetInt64()));
        Assert.Contains(slowId, seen);
        Assert.Contains(fastId, seen);
    }
}
