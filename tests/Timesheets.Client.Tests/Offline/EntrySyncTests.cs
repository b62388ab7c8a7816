using Timesheets.Client.Offline;
using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Offline;

public abstract class EntrySyncTests(ClientFixture fixture)
{
    [Fact]
    public async Task Sync_CreateEditDeleteOnTheServer_LocalCopyMatchesTheServerList()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Contractor)).Client;
        var sync = new EntrySync(client, new FileOfflineStore(Path.Combine(Path.GetTempPath(), "timesheets-tests", "sync-" + Guid.NewGuid().ToString("N"))));
        var day = fixture.NextDay();
        var kept = (await client.CreateEntryAsync(Entries.On(day, 1))).Ok();
        var removed = (await client.CreateEntryAsync(Entries.On(day, 2))).Ok();
        (await sync.SyncAsync(default)).Ok();
        Assert.Contains(await sync.EntriesAsync(default), e => e.Id == removed.Id);

        var edited = (await client.UpdateEntryAsync(kept.Id, Entries.On(day, 1.5m, notes: "edited"), kept.Etag)).Ok();
        var added = (await client.CreateEntryAsync(Entries.On(fixture.NextDay(), 3))).Ok();
        (await client.DeleteEntryAsync(removed.Id)).Ok();
        var summary = (await sync.SyncAsync(default)).Ok();

        Assert.Equal((2, 1), (summary.Changed, summary.Deleted));
        var local = await sync.EntriesAsync(default);
        var server = await client.AllAsync();
        Assert.Equal(server.Select(e => (e.Id, e.Etag)), local.Select(e => (e.Id, e.Etag)));
        Assert.DoesNotContain(local, e => e.Id == removed.Id);
        Assert.Contains(local, e => e.Id == added.Id);
        Assert.Equal("edited", local.Single(e => e.Id == edited.Id).Notes);
    }

    [Fact]
    public async Task Sync_NothingChanged_FetchesNothingNew()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Contractor)).Client;
        var sync = new EntrySync(client, new MemoryOfflineStore());
        (await client.CreateEntryAsync(Entries.On(fixture.NextDay(), 1))).Ok();
        var first = (await sync.SyncAsync(default)).Ok();

        var second = (await sync.SyncAsync(default)).Ok();

        Assert.False(first.NothingNew);
        Assert.True(second.NothingNew);
        Assert.Equal(1, second.Pages);
        Assert.Equal((await client.AllAsync()).Count, (await sync.EntriesAsync(default)).Count);
    }

    [Fact]
    public async Task Sync_CursorTheServerNoLongerKnows_StartsTheCopyOver()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Contractor)).Client;
        var store = new MemoryOfflineStore();
        await store.WriteAsync(EntrySync.StoreName, """{"cursor":"bm9wZQ","entries":[]}""", default);
        var sync = new EntrySync(client, store);

        (await sync.SyncAsync(default)).Ok();

        Assert.Equal((await client.AllAsync()).Count, (await sync.EntriesAsync(default)).Count);
    }

    [Fact]
    public async Task Sync_Offline_KeepsTheCopyAndSaysUnreachable()
    {
        var network = new NetworkSwitch();
        var client = (await fixture.SessionAsync(IdentityHost.Contractor, between: network)).Client;
        var sync = new EntrySync(client, new MemoryOfflineStore());
        (await client.CreateEntryAsync(Entries.On(fixture.NextDay(), 1))).Ok();
        (await sync.SyncAsync(default)).Ok();
        var before = await sync.EntriesAsync(default);
        network.Offline = true;

        var result = await sync.SyncAsync(default);

        Assert.Equal(ProblemKind.Unreachable, result.Problem?.Kind);
        Assert.Equal(before, await sync.EntriesAsync(default));
    }
}
