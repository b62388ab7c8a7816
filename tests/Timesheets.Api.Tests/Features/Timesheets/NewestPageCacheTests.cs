using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Timesheets;

/// <summary>
/// The app's first screen (<c>GET /timesheets</c>, no filter) is answered from memory while nothing
/// changed it. Each test reads the page first, so it is in the cache, then makes one kind of write
/// and reads again: the user must see the write at once, whoever made it.
/// </summary>
public abstract class NewestPageCacheTests(ApiFixture fixture)
{
    private const string FirstPage = "/timesheets?limit=200";
    private static int _day;

    /// <summary>A future day no other test uses: newer than anything else, so its entry is on the first page.</summary>
    private static DateOnly FutureDay() => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1 + Interlocked.Increment(ref _day));

    private NewestPageCache Pages => fixture.Api.Services.GetRequiredService<NewestPageCache>();

    /// <summary>Reads the first page twice (the second from the cache); on PostgreSQL, once the cache listens for other instances.</summary>
    private async Task<JsonElement> WarmAsync(HttpClient client)
    {
        await fixture.Api.WaitForPageCacheAsync();
        await (await client.GetAsync(FirstPage)).AssertStatusAsync(HttpStatusCode.OK);
        return await (await client.GetAsync(FirstPage)).AssertStatusAsync(HttpStatusCode.OK);
    }

    private static async Task<JsonElement?> OnFirstPageAsync(HttpClient client, long id)
    {
        var page = await (await client.GetAsync(FirstPage)).AssertStatusAsync(HttpStatusCode.OK);
        return page.EnumerateArray().Where(e => e.GetProperty("id").GetInt64() == id).Select(e => (JsonElement?)e).SingleOrDefault();
    }

    [Fact]
    public async Task FirstPage_IsKept_UntilTheOwnerWrites()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Contractor);
        var sub = (await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("sub").GetString()!;
        var key = NewestPageCache.KeyOf(sub, new PathString("/timesheets"), new QueryString("?limit=200"));
        await WarmAsync(client);
        Assert.True(Pages.TryGet(sub, key, out var kept));

        var again = await client.GetAsync(FirstPage);
        Assert.Equal(kept.Json, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", again.Content.Headers.ContentType?.ToString());

        await client.CreateEntryAsync(FutureDay());
        Assert.False(Pages.TryGet(sub, key, out _));
    }

    [Fact]
    public async Task FirstPage_IfNoneMatchWithItsETag_Gets304_UntilAWriteChangesIt()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Manager);
        await WarmAsync(client);
        var first = await client.GetAsync(FirstPage);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);

        async Task<HttpResponseMessage> IfNoneMatchAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, FirstPage);
            request.Headers.IfNoneMatch.Add(etag);
            return await client.SendAsync(request);
        }

        var unchanged = await IfNoneMatchAsync();
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, unchanged.Headers.ETag);

        var id = (await client.CreateEntryAsync(FutureDay())).GetProperty("id").GetInt64();
        var changed = await IfNoneMatchAsync();
        var page = await changed.AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains(page.EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Page_IsServedOnlyToItsOwner_WhateverTheKey()
    {
        await fixture.Api.WaitForPageCacheAsync();
        var key = NewestPageCache.KeyOf("owner-a", new PathString("/timesheets"), QueryString.Empty);
        Pages.Store("owner-a", key, new NewestPageCache.Lookup(null, Pages.StampOf("owner-a"), 0), [], null);

        Assert.False(Pages.TryGet("owner-b", key, out _));
        Assert.True(Pages.TryGet("owner-a", key, out var page));
        Assert.Equal("[]", System.Text.Encoding.UTF8.GetString(page.Json));
    }

    [Fact]
    public async Task Create_Edit_Delete_ShowOnTheCachedFirstPageAtOnce()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var day = FutureDay();
        await WarmAsync(client);

        var created = await client.CreateEntryAsync(day, 2, notes: "cached page");
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(2m, (await OnFirstPageAsync(client, id))?.GetProperty("hours").GetDecimal());

        var edit = new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 3.5m };
        await (await client.PutJsonAsync($"/timesheets/{id}", edit)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3.5m, (await OnFirstPageAsync(client, id))?.GetProperty("hours").GetDecimal());

        await (await client.DeleteAsync($"/timesheets/{id}")).AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Null(await OnFirstPageAsync(client, id));
    }

    [Fact]
    public async Task ParallelWritesAndReads_EveryWriterReadsItsOwnEntry()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Contractor);
        var day = FutureDay();
        await WarmAsync(client);

        // 16 clients of one user at once, each logging a quarter hour and reading the first page at once:
        // pages are read and stored while other writes commit, and none may hide the writer's own entry.
        var missing = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var id = (await client.CreateEntryAsync(day, 0.25m, notes: $"parallel {i}")).GetProperty("id").GetInt64();
            return await OnFirstPageAsync(client, id) is null ? id : 0;
        }));

        Assert.All(missing, id => Assert.Equal(0, id));
        var page = await (await client.GetAsync(FirstPage)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(16, page.EnumerateArray().Count(e => e.GetProperty("date").GetString() == day.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public async Task ReviewsByAManager_ShowOnTheOwnersCachedFirstPageAtOnce()
    {
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        using var manager = await fixture.ClientAsync(IdentityHost.Manager);
        var approve = (await employee.CreateEntryAsync(FutureDay(), 1)).GetProperty("id").GetInt64();
        var reject = (await employee.CreateEntryAsync(FutureDay(), 1)).GetProperty("id").GetInt64();
        var bulk = (await employee.CreateEntryAsync(FutureDay(), 1)).GetProperty("id").GetInt64();
        await WarmAsync(employee);

        await (await manager.PutAsync($"/approvals/{approve}", null)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (await OnFirstPageAsync(employee, approve))?.GetProperty("status").GetString());

        await (await manager.PostJsonAsync($"/approvals/{reject}/reject", new { reason = "wrong project" })).AssertStatusAsync(HttpStatusCode.OK);
        var rejected = await OnFirstPageAsync(employee, reject);
        Assert.Equal("rejected", rejected?.GetProperty("status").GetString());
        Assert.Equal("wrong project", rejected?.GetProperty("rejection_reason").GetString());

        await (await manager.PostJsonAsync("/approvals/bulk", new { action = "approve", ids = new[] { bulk } })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (await OnFirstPageAsync(employee, bulk))?.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Upload_ShowsOnTheNamedUsersCachedFirstPageAtOnce()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        using var contractor = await fixture.ClientAsync(IdentityHost.Contractor);
        await WarmAsync(contractor);
        var day = FutureDay().ToString("yyyy-MM-dd");
        var externalId = Guid.NewGuid().ToString("N");
        var row = new { user_id = IdentityHost.Contractor, date = day, project = "Internal", hours = 4, external_id = externalId };
        await (await machine.PostJsonAsync("/timesheets/upload", row)).AssertStatusAsync(HttpStatusCode.OK);

        var page = await (await contractor.GetAsync(FirstPage)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(page.EnumerateArray(), e => e.GetProperty("external_id").GetString() == externalId);
    }

    [Fact]
    public async Task ProjectRename_ShowsOnCachedFirstPagesAtOnce()
    {
        using var admin = await fixture.ClientAsync(IdentityHost.Admin);
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var name = $"Cache {Guid.NewGuid():N}"[..20];
        var project = (await (await admin.PostJsonAsync("/projects", new { name })).AssertStatusAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var id = (await employee.CreateEntryAsync(FutureDay(), 1, project: name)).GetProperty("id").GetInt64();
        await WarmAsync(employee);

        await (await admin.PutJsonAsync($"/projects/{project}", new { name = name + " v2" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(name + " v2", (await OnFirstPageAsync(employee, id))?.GetProperty("project").GetString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NewestPageCacheTestsOnSqlite(SqliteApiFixture fixture) : NewestPageCacheTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class NewestPageCacheTestsOnPostgres(PostgresApiFixture fixture) : NewestPageCacheTests(fixture);
