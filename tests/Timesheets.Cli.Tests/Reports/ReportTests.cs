using System.Text.Json;
using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Reports;

public abstract class ReportTests(CliFixture fixture)
{
    private async Task<(CliUser User, string From, string To)> WeekOfWorkAsync()
    {
        var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Contractor);
        var monday = fixture.NextWeek();
        await user.RunAsync("log", "--hours", "3", "--project", "Internal", "--date", Days.Text(monday), "--notes", "Design, review \"v2\"");
        await user.RunAsync("log", "--hours", "2", "--project", "Mobile App", "--date", Days.Text(monday.AddDays(2)));
        return (user, Days.Text(monday), Days.Text(monday.AddDays(6)));
    }

    [Fact]
    public async Task Report_ByProject_DrawsABarPerProjectWithTheTotal()
    {
        var (user, from, to) = await WeekOfWorkAsync();
        using var _ = user;

        var report = await user.RunAsync("report", "--by", "project", "--from", from, "--to", to);

        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains($"Hours by project, {from} to {to} (own): 5 h", report.Out, StringComparison.Ordinal);
        Assert.Contains("Internal", report.Out, StringComparison.Ordinal);
        Assert.Contains("Mobile App", report.Out, StringComparison.Ordinal);
        var json = (await user.RunAsync("report", "--by", "day", "--from", from, "--to", to, "--json")).Json;
        Assert.Equal(5m, json.GetProperty("total_hours").GetDecimal());
        Assert.Equal(2, json.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Export_Csv_NotesThatASpreadsheetWouldRun_StayText()
    {
        var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Contractor);
        using var _ = user;
        var day = Days.Text(fixture.NextWeek().AddDays(4));
        await user.RunAsync("log", "--hours", "1", "--project", "Internal", "--date", day, "--notes", "=HYPERLINK(\"http://evil\",\"x\")");
        await user.RunAsync("log", "--hours", "1", "--project", "Internal", "--date", day, "--notes", "@SUM(1)");

        var csv = await user.RunAsync("export", "--format", "csv", "--from", day, "--to", day);

        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", csv.Out, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1)", csv.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_CsvToStdoutAndJsonToAFile_HoldTheEntries()
    {
        var (user, from, to) = await WeekOfWorkAsync();
        using var _ = user;

        var csv = await user.RunAsync("export", "--format", "csv", "--from", from, "--to", to);

        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,date,project,hours,status,notes", lines[0], StringComparison.Ordinal);
        Assert.Contains($",{from},Internal,3,pending,\"Design, review \"\"v2\"\"\",", lines[1], StringComparison.Ordinal);

        var file = Path.Combine(user.ConfigDirectory, "export.json");
        var json = await user.RunAsync("export", "--format", "json", "--from", from, "--to", to, "-o", file);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("Exported 2 entries", json.Out, StringComparison.Ordinal);
        var entries = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
        Assert.Equal(["Internal", "Mobile App"], entries.EnumerateArray().Select(e => e.GetProperty("project").GetString()!));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportTestsOnSqlite(SqliteCliFixture fixture) : ReportTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ReportTestsOnPostgres(PostgresCliFixture fixture) : ReportTests(fixture);
