using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Entries;

public abstract class OfflineTests(CliFixture fixture)
{
    [Fact]
    public async Task Log_WhileTheApiIsStopped_QueuesAndSyncStoresEachOnceWithConflictsPerEntry()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Contractor);
        var monday = fixture.NextWeek();
        var full = Days.Text(monday);
        var free = Days.Text(monday.AddDays(1));
        Assert.Equal(0, (await user.RunAsync("log", "--hours", "20", "--project", "Internal", "--date", full)).ExitCode);

        await fixture.StopApiAsync();
        CliResult queuedFree, queuedOver, listOffline, refusedOffline;
        try
        {
            queuedFree = await user.RunAsync("log", "--hours", "3", "--project", "Internal", "--date", free);
            queuedOver = await user.RunAsync("log", "--hours", "6", "--project", "Internal", "--date", full, "--json");
            listOffline = await user.RunAsync("list");
            refusedOffline = await user.RunAsync("log", "--hours", "25", "--project", "Internal", "--date", free);
        }
        finally
        {
            fixture.StartApi();
        }

        Assert.True(queuedFree.ExitCode == 0, queuedFree.ToString());
        Assert.Contains("Queued 3 h on Internal", queuedFree.Out, StringComparison.Ordinal);
        Assert.Contains("timesheets sync", queuedFree.Out, StringComparison.Ordinal);
        Assert.True(queuedOver.Json.GetProperty("queued").GetBoolean());
        Assert.Equal(4, listOffline.ExitCode);
        Assert.Equal(2, refusedOffline.ExitCode); // the rules that need no server hold offline too: never queued

        var sync = await user.RunAsync("sync");

        Assert.Equal(2, sync.ExitCode); // one was refused
        Assert.Contains($"Stored 3 h on Internal for {free} as entry", sync.Out, StringComparison.Ordinal);
        Assert.Contains($"Refused 6 h on Internal for {full}: ", sync.Out, StringComparison.Ordinal);
        Assert.Contains("26 hours", sync.Out, StringComparison.Ordinal);
        var again = await user.RunAsync("sync", "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, again.Json.GetProperty("stored").GetArrayLength());
        var week = (await user.RunAsync("list", "--week", Days.Week(monday), "--json")).Json;
        Assert.Equal(23m, week.GetProperty("weeks")[0].GetProperty("hours").GetDecimal());
        Assert.Single(week.GetProperty("entries").EnumerateArray(), e => e.GetProperty("date").GetString() == free);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OfflineTestsOnSqlite(SqliteCliFixture fixture) : OfflineTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OfflineTestsOnPostgres(PostgresCliFixture fixture) : OfflineTests(fixture);
