using System.Globalization;
using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Entries;

public abstract class EntryTests(CliFixture fixture)
{
    private static string Day(DateOnly date) => Days.Text(date);

    private static string WeekName(DateOnly monday) => Days.Week(monday);

    [Fact]
    public async Task LogListEditDelete_AWeek_ShowsEntriesAndTheWeeksTotal()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);
        var monday = fixture.NextWeek();

        var first = await user.RunAsync("log", "--hours", "3", "--project", "Internal", "--date", Day(monday), "--notes", "Planning");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"Logged 3 h on Internal for {Day(monday)}", first.Out, StringComparison.Ordinal);
        // No --project: the last project used.
        var second = await user.RunAsync("log", "--hours", "4.5", "--date", Day(monday.AddDays(1)), "--json");
        Assert.Equal("Internal", second.Json.GetProperty("entry").GetProperty("project").GetString());
        var secondId = second.Json.GetProperty("entry").GetProperty("id").GetInt64();

        var list = await user.RunAsync("list", "--week", WeekName(monday));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains($"{WeekName(monday)} (", list.Out, StringComparison.Ordinal);
        Assert.Contains("7.5 h", list.Out, StringComparison.Ordinal);
        Assert.Contains("Planning", list.Out, StringComparison.Ordinal);

        var edit = await user.RunAsync("edit", secondId.ToString(CultureInfo.InvariantCulture), "--hours", "5");
        Assert.True(edit.ExitCode == 0, edit.ToString());
        var week = (await user.RunAsync("list", "--week", WeekName(monday), "--json")).Json;
        Assert.Equal(8m, week.GetProperty("weeks")[0].GetProperty("hours").GetDecimal());
        var edited = week.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == secondId);
        Assert.Equal("Internal", edited.GetProperty("project").GetString()); // only --hours changed
        Assert.Equal(Day(monday.AddDays(1)), edited.GetProperty("date").GetString());

        var delete = await user.RunAsync("delete", secondId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, delete.ExitCode);
        var after = (await user.RunAsync("list", "--from", Day(monday), "--to", Day(monday.AddDays(6)), "--json")).Json;
        Assert.Equal(3m, Assert.Single(after.GetProperty("weeks").EnumerateArray()).GetProperty("hours").GetDecimal());
    }

    [Fact]
    public async Task Log_OverTheDayTotal_IsRefusedBeforeSending()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);
        var day = Day(fixture.NextWeek());
        Assert.Equal(0, (await user.RunAsync("log", "--hours", "20", "--project", "Internal", "--date", day)).ExitCode);

        var refused = await user.RunAsync("log", "--hours", "5", "--project", "Internal", "--date", day);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"hours: This would make 25 hours on {day}", refused.Error, StringComparison.Ordinal);
        var list = (await user.RunAsync("list", "--from", day, "--to", day, "--json")).Json;
        Assert.Single(list.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task Log_UnknownProject_ShowsTheServersFieldError()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);

        var refused = await user.RunAsync("log", "--hours", "1", "--project", "No Such Project", "--date", Day(fixture.NextWeek()));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("project:", refused.Error, StringComparison.Ordinal);
        Assert.Contains("No Such Project", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_BadHours_ExitsWithRefusedAndSendsNothing()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);
        var day = Day(fixture.NextWeek());

        var refused = await user.RunAsync("log", "--hours", "2.555", "--project", "Internal", "--date", day);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("hours: The hours have at most two decimals.", refused.Error, StringComparison.Ordinal);
        Assert.Empty((await user.RunAsync("list", "--from", day, "--to", day, "--json")).Json.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task Log_MissingHours_IsAUsageError()
    {
        using var user = new CliUser(fixture);

        var usage = await user.RunAsync("log", "--project", "Internal");

        Assert.Equal(1, usage.ExitCode);
        Assert.Contains("--hours", usage.Error, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EntryTestsOnSqlite(SqliteCliFixture fixture) : EntryTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EntryTestsOnPostgres(PostgresCliFixture fixture) : EntryTests(fixture);
