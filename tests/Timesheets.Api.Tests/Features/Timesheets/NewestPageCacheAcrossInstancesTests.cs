using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Timesheets;

/// <summary>
/// Two API instances on one PostgreSQL database, each with its own page cache: a write through one
/// must reach the other's cached first page (notifications through the database), also when the other
/// instance's listening connection was cut at the moment of the write.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NewestPageCacheAcrossInstancesTests(PostgresApiFixture fixture) : IAsyncLifetime
{
    private const string FirstPage = "/timesheets?limit=200";
    private ApiHost _other = null!;

    public Task InitializeAsync()
    {
        _other = new ApiHost(fixture.Identity, fixture.Api.Database);
        _ = _other.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _other.DisposeAsync();

    private async Task<HttpClient> ClientOfAsync(ApiHost host, string user)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.TokenAsync(user));
        return client;
    }

    /// <summary>The entry as the first page shows it, polled for up to 5 s: notifications arrive a moment after the commit.</summary>
    private static async Task<JsonElement?> EventuallyAsync(HttpClient client, long id, Func<JsonElement?, bool> done)
    {
        JsonElement? entry = null;
        for (var i = 0; i < 50; i++)
        {
            var page = await (await client.GetAsync(FirstPage)).AssertStatusAsync(HttpStatusCode.OK);
            entry = page.EnumerateArray().Where(e => e.GetProperty("id").GetInt64() == id).Select(e => (JsonElement?)e).SingleOrDefault();
            if (done(entry))
            {
                break;
            }

            await Task.Delay(100);
        }

        return entry;
    }

    private static DateOnly FarDay(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(25 + offset);

    /// <summary>An entry created through <paramref name="here"/>, once the other instance shows it and has its page cached.</summary>
    private static async Task<long> CreatedAndCachedThereAsync(HttpClient here, HttpClient there, DateOnly day)
    {
        var id = (await here.CreateEntryAsync(day, 1)).GetProperty("id").GetInt64();
        Assert.NotNull(await EventuallyAsync(there, id, e => e is not null));
        await there.GetAsync(FirstPage); // cached there now
        return id;
    }

    [Fact]
    public async Task WriteThroughOneInstance_ReachesTheOthersCachedPage()
    {
        await fixture.Api.WaitForPageCacheAsync();
        await _other.WaitForPageCacheAsync();
        using var here = await ClientOfAsync(fixture.Api, IdentityHost.Manager);
        using var there = await ClientOfAsync(_other, IdentityHost.Manager);
        var id = await CreatedAndCachedThereAsync(here, there, FarDay(0));

        var edit = new { date = FarDay(0).ToString("yyyy-MM-dd"), project = "Internal", hours = 6 };
        await (await here.PutJsonAsync($"/timesheets/{id}", edit)).AssertStatusAsync(HttpStatusCode.OK);
        var seen = await EventuallyAsync(there, id, e => e?.GetProperty("hours").GetDecimal() == 6m);
        Assert.Equal(6m, seen?.GetProperty("hours").GetDecimal());

        await (await here.DeleteAsync($"/timesheets/{id}")).AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Null(await EventuallyAsync(there, id, e => e is null));
    }

    [Fact]
    public async Task WriteThroughOneInstance_IsOnTheOthersCachedPage_AtOnce()
    {
        // A client behind a round-robin balancer: it writes at one instance and reads at the other with no pause,
        // sooner than any notification; the other's page is checked against the database (PageProbe) before it is served.
        await _other.WaitForPageCacheAsync();
        using var here = await ClientOfAsync(fixture.Api, IdentityHost.Contractor);
        using var there = await ClientOfAsync(_other, IdentityHost.Contractor);
        for (var i = 0; i < 5; i++)
        {
            await there.GetAsync(FirstPage);
            Assert.True(_other.Services.GetRequiredService<NewestPageCache>().Available);
            var id = (await here.CreateEntryAsync(FarDay(3), 0.25m)).GetProperty("id").GetInt64();
            var page = await (await there.GetAsync(FirstPage)).AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains(page.EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
        }
    }

    [Fact]
    public async Task ProjectRenamedThroughOneInstance_ReachesTheOthersCachedPages()
    {
        await _other.WaitForPageCacheAsync();
        using var admin = await ClientOfAsync(fixture.Api, IdentityHost.Admin);
        using var there = await ClientOfAsync(_other, IdentityHost.Contractor);
        var name = $"Across {Guid.NewGuid():N}"[..20];
        var project = (await (await admin.PostJsonAsync("/projects", new { name })).AssertStatusAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var id = (await there.CreateEntryAsync(FarDay(2), 1, project: name)).GetProperty("id").GetInt64();
        await there.GetAsync(FirstPage); // cached there now

        await (await admin.PutJsonAsync($"/projects/{project}", new { name = name + " v2" })).AssertStatusAsync(HttpStatusCode.OK);
        var seen = await EventuallyAsync(there, id, e => e?.GetProperty("project").GetString() == name + " v2");
        Assert.Equal(name + " v2", seen?.GetProperty("project").GetString());
    }

    [Fact]
    public async Task ListenerCut_WhileAnotherInstanceWrites_NoStalePageIsServed()
    {
        await _other.WaitForPageCacheAsync();
        using var here = await ClientOfAsync(fixture.Api, IdentityHost.Admin);
        using var there = await ClientOfAsync(_other, IdentityHost.Admin);
        var id = await CreatedAndCachedThereAsync(here, there, FarDay(1));

        // Cut every listening connection on this database, and write at once: that notification is lost.
        await using (var connection = new NpgsqlConnection(fixture.Api.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var cut = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", connection)
            {
                Parameters = { new() { Value = ChangeListener.ApplicationName } },
            };
            Assert.True((long)(await cut.ExecuteScalarAsync())! >= 2);
        }

        var edit = new { date = FarDay(1).ToString("yyyy-MM-dd"), project = "Internal", hours = 7 };
        await (await here.PutJsonAsync($"/timesheets/{id}", edit)).AssertStatusAsync(HttpStatusCode.OK);

        // The other instance notices the cut and serves nothing from memory until it listens again...
        var pages = _other.Services.GetRequiredService<NewestPageCache>();
        for (var i = 0; i < 50 && pages.Available; i++)
        {
            await Task.Delay(100);
        }

        Assert.False(pages.Available, "The page cache stayed on without its notifications.");
        // ...and, listening again, it starts from an empty cache: the first read already shows the write.
        await _other.WaitForPageCacheAsync();
        var page = await (await there.GetAsync(FirstPage)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(7m, page.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id).GetProperty("hours").GetDecimal());
    }
}
