using Timesheets.Client.Offline;
using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Offline;

public abstract class OfflineQueueTests(ClientFixture fixture)
{
    [Fact]
    public async Task Replay_EntriesQueuedOffline_ReachTheServerOnceWhenItIsBack()
    {
        var network = new NetworkSwitch { Offline = true };
        var client = (await fixture.SessionAsync(IdentityHost.Employee, between: network)).Client;
        var queue = new OfflineQueue(client, new MemoryOfflineStore());
        var day = fixture.NextDay();
        var created = (await client.CreateEntryAsync(Entries.On(day, 1))).Problem;
        foreach (var hours in new[] { 1m, 2m, 3m })
        {
            await queue.EnqueueAsync(Entries.On(day, hours), default);
        }

        var offline = await queue.ReplayAsync(default);
        network.Offline = false;
        var online = await queue.ReplayAsync(default);
        var again = await queue.ReplayAsync(default);

        Assert.Equal(ProblemKind.Unreachable, created?.Kind);
        Assert.Equal((0, 0, 3), (offline.Stored.Count, offline.Refused.Count, offline.StillWaiting.Count));
        Assert.Equal(ProblemKind.Unreachable, offline.StoppedBy?.Kind);
        Assert.Equal([1m, 2m, 3m], online.Stored.Select(q => q.Stored!.Hours));
        Assert.Empty(online.StillWaiting);
        Assert.Empty(again.Stored);
        Assert.Equal([3m, 2m, 1m], (await client.OnDayAsync(day)).Select(e => e.Hours));
    }

    [Fact]
    public async Task Replay_TwoAtOnce_StoreAndReportEachEntryOnce()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var folder = Path.Combine(Path.GetTempPath(), "timesheets-tests", "queue-" + Guid.NewGuid().ToString("N"));
        var day = fixture.NextDay();
        var first = new OfflineQueue(client, new FileOfflineStore(folder));
        foreach (var hours in new[] { 1m, 2m, 3m, 4m })
        {
            await first.EnqueueAsync(Entries.On(day, hours), default);
        }

        // Two queue objects over the same folder, as a command and a background sync would be.
        var second = new OfflineQueue(client, new FileOfflineStore(folder));
        var reports = await Task.WhenAll(first.ReplayAsync(default), second.ReplayAsync(default));

        Assert.Equal([1m, 2m, 3m, 4m], reports.SelectMany(r => r.Stored).Select(q => q.Stored!.Hours).Order());
        Assert.Equal(4, (await client.OnDayAsync(day)).Count);
        Assert.All(await first.ListAsync(default), q => Assert.Equal(QueueState.Stored, q.State));
    }

    [Fact]
    public async Task Replay_ArchivedProjectAndDayOver24Hours_AreRefusedWithTheServersMessage_OthersStored()
    {
        var admin = (await fixture.SessionAsync(IdentityHost.Admin)).Client;
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var project = (await admin.CreateProjectAsync($"Old {Guid.NewGuid():N}"[..16])).Ok();
        var day = fixture.NextDay();
        var queue = new OfflineQueue(client, new MemoryOfflineStore());
        await queue.EnqueueAsync(Entries.On(day, 10), default);
        var archived = await queue.EnqueueAsync(Entries.On(day, 1, project: project.Name), default);
        var tooLong = await queue.EnqueueAsync(Entries.On(day, 20), default);
        await queue.EnqueueAsync(Entries.On(day, 4), default);
        (await admin.ArchiveProjectAsync(project.Id)).Ok();

        var report = await queue.ReplayAsync(default);

        Assert.Equal([10m, 4m], report.Stored.Select(q => q.Stored!.Hours));
        Assert.Equal([archived.Id, tooLong.Id], report.Refused.Select(q => q.Id));
        Assert.Equal([$"The project '{project.Name}' is archived and takes no new entries."], report.Refused[0].Refusal!.Errors["project"]);
        Assert.Equal([EntryShape.DayTotalError(day, 10, 20)!], report.Refused[1].Refusal!.Errors["hours"]);
        Assert.Equal("This would make 30 hours on " + day.Iso() + "; a day has at most 24.", report.Refused[1].Refusal!.Message);
        Assert.Equal([4m, 10m], (await client.OnDayAsync(day)).Select(e => e.Hours));
    }

    [Theory]
    [InlineData(true, 412)]
    [InlineData(false, 409)]
    public async Task Replay_EditOfAnEntryApprovedMeanwhile_IsRefusedAndShowsTheApproval(bool withETag, int status)
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var manager = (await fixture.SessionAsync(IdentityHost.Manager)).Client;
        var day = fixture.NextDay();
        var entry = (await client.CreateEntryAsync(Entries.On(day, 5))).Ok();
        var queue = new OfflineQueue(client, new MemoryOfflineStore());
        var edit = await queue.EnqueueEditAsync(entry.Id, Entries.On(day, 6), withETag ? entry.Etag : null, default);
        (await manager.ApproveAsync(entry.Id)).Ok();

        var report = await queue.ReplayAsync(default);

        var refused = Assert.Single(report.Refused);
        Assert.Equal((edit.Id, ProblemKind.Conflict, status), (refused.Id, refused.Refusal!.Kind, refused.Refusal.Status));
        Assert.Equal(("approved", IdentityHost.Manager), (refused.Current?.Status, refused.Current?.ReviewedBy));
        Assert.Equal(5, (await client.GetEntryAsync(entry.Id)).Ok().Hours);
    }

    [Fact]
    public async Task Replay_QueuedEditOfAPendingEntry_IsStored()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var day = fixture.NextDay();
        var entry = (await client.CreateEntryAsync(Entries.On(day, 5))).Ok();
        var queue = new OfflineQueue(client, new MemoryOfflineStore());
        await queue.EnqueueEditAsync(entry.Id, Entries.On(day, 6, notes: "offline"), entry.Etag, default);

        var stored = Assert.Single((await queue.ReplayAsync(default)).Stored);

        Assert.Equal((6m, "offline"), (stored.Stored!.Hours, stored.Stored.Notes));
        Assert.Equal(6, (await client.GetEntryAsync(entry.Id)).Ok().Hours);
    }

    [Fact]
    public async Task Replay_ProcessDiesAfterTheServerStoredIt_ReplayStoresItOnce()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var day = fixture.NextDay();
        var disk = new MemoryOfflineStore();
        var crashing = new CrashingStore(disk);
        var edited = (await client.CreateEntryAsync(Entries.On(day, 1))).Ok();
        var queued = await new OfflineQueue(client, crashing).EnqueueAsync(Entries.On(day, 3), default);
        await new OfflineQueue(client, crashing).EnqueueEditAsync(edited.Id, Entries.On(day, 2), edited.Etag, default);
        crashing.Crashed = true;

        var lost = await new OfflineQueue(client, crashing).ReplayAsync(default);
        var afterCrash = new OfflineQueue(client, disk);
        Assert.Equal(2, lost.Stored.Count);
        Assert.All(await afterCrash.ListAsync(default), q => Assert.Equal(QueueState.Waiting, q.State));
        var report = await afterCrash.ReplayAsync(default);

        Assert.Equal([queued.Id, queued.Id], [lost.Stored[0].Id, report.Stored[0].Id]);
        Assert.Equal(lost.Stored.Select(q => q.Stored!.Id), report.Stored.Select(q => q.Stored!.Id));
        Assert.Empty(report.Refused);
        Assert.Equal([2m, 3m], (await client.OnDayAsync(day)).Select(e => e.Hours).Order());
    }

    [Fact]
    public async Task Replay_SessionEnded_StopsAndKeepsEntriesWaiting()
    {
        var user = await fixture.SessionAsync(IdentityHost.Employee);
        var queue = new OfflineQueue(user.Client, new MemoryOfflineStore());
        await queue.EnqueueAsync(Entries.On(fixture.NextDay(), 1), default);
        await user.Session.EndAsync(default);

        var report = await queue.ReplayAsync(default);

        Assert.Equal(ProblemKind.LoginRequired, report.StoppedBy?.Kind);
        Assert.Single(report.StillWaiting);
    }

    [Fact]
    public async Task Dismiss_SettledEntry_IsForgotten_WaitingOne_IsCancelledInstead()
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var day = fixture.NextDay();
        var queue = new OfflineQueue(client, new MemoryOfflineStore());
        var sent = await queue.EnqueueAsync(Entries.On(day, 1), default);
        await queue.ReplayAsync(default);
        var waiting = await queue.EnqueueAsync(Entries.On(day, 2), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.DismissAsync(waiting.Id, default));
        await queue.DismissAsync(sent.Id, default);
        Assert.True(await queue.CancelAsync(waiting.Id, default));

        Assert.Empty(await queue.ListAsync(default));
        Assert.Single(await client.OnDayAsync(day));
    }

    /// <summary>A disk that loses every write once <see cref="Crashed"/>: as if the process died after each send, before writing its answer.</summary>
    private sealed class CrashingStore(IOfflineStore disk) : IOfflineStore
    {
        public bool Crashed { get; set; }

        public Task<string?> ReadAsync(string name, CancellationToken cancellationToken) => disk.ReadAsync(name, cancellationToken);

        public Task WriteAsync(string name, string content, CancellationToken cancellationToken) =>
            Crashed ? Task.CompletedTask : disk.WriteAsync(name, content, cancellationToken);
    }
}
