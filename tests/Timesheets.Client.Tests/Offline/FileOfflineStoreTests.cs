using System.Text.Json;
using Timesheets.Client.Json;
using Timesheets.Client.Offline;

namespace Timesheets.Client.Tests.Offline;

public sealed class FileOfflineStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "timesheets-tests", "store-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Write_NewFolder_FolderAndFileAreTheOwnersOnly()
    {
        var store = new FileOfflineStore(_folder);

        await store.WriteAsync("offline-queue", "[]", default);

        Assert.Equal("[]", await store.ReadAsync("offline-queue", default));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "offline-queue.json")));
        }
    }

    [Fact]
    public async Task Write_Twice_ReplacesTheWholeDocumentAndLeavesNoTemporaryFile()
    {
        var store = new FileOfflineStore(_folder);
        await store.WriteAsync("entries", new string('x', 100_000), default);

        await store.WriteAsync("entries", "short", default);

        Assert.Equal("short", await store.ReadAsync("entries", default));
        Assert.Equal(["entries.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Read_NothingWritten_IsNull_NameLeavingTheFolder_IsRefused()
    {
        var store = new FileOfflineStore(_folder);

        Assert.Null(await store.ReadAsync("entries", default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("../escape", "x", default));
    }

    [Fact]
    public async Task Lock_HeldElsewhere_WaitsUntilReleased()
    {
        var first = await new FileOfflineStore(_folder).LockAsync("offline-queue-replay", default);
        var second = new FileOfflineStore(_folder).LockAsync("offline-queue-replay", default);

        await Task.Delay(200);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public void QueuedEntry_RoundTripsThroughTheSourceGeneratedJson_WithTheServersFieldNames()
    {
        var queued = new QueuedEntry
        {
            Id = Guid.NewGuid(), Entry = new EntryRequest { Date = new DateOnly(2026, 12, 1), Project = "Internal", Hours = 20 },
            IdempotencyKey = "k1", QueuedAt = DateTimeOffset.UnixEpoch, State = QueueState.Refused, EntryId = 7, ETag = "\"3\"",
            Refusal = new ApiProblem
            {
                Kind = ProblemKind.Invalid, Status = 400, Title = "Bad", RetryAfter = TimeSpan.FromSeconds(5),
                Errors = new Dictionary<string, string[]> { ["Idempotency-Key"] = ["too long"], ["hours"] = ["over 24"] },
            },
        };

        var json = JsonSerializer.Serialize(new List<QueuedEntry> { queued }, ClientJson.Default.ListQueuedEntry);
        var back = Assert.Single(JsonSerializer.Deserialize(json, ClientJson.Default.ListQueuedEntry)!);

        Assert.Contains("\"state\":\"Refused\"", json, StringComparison.Ordinal);
        Assert.Equal(queued with { Refusal = null }, back with { Refusal = null });
        Assert.Equal(["Idempotency-Key", "hours"], back.Refusal!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((ProblemKind.Invalid, "over 24", TimeSpan.FromSeconds(5)), (back.Refusal.Kind, back.Refusal.Errors["hours"][0], back.Refusal.RetryAfter));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
