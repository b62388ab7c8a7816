using System.Globalization;
using System.Text;
using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Import;

public abstract class ImportTests(CliFixture fixture)
{
    private const int Users = 250;
    private const int DaysSpan = 160;

    /// <summary>
    /// Row i: user i % 250, 1 hour, on one of 160 days from 200 days back; no external_id column.
    /// Rows i and i + 40,000 are identical (same user, day, project): two entries the import must both store.
    /// </summary>
    private static string WriteCsv(string folder, int rows, string batch, int firstDayBack)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "hours.csv");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var writer = new StreamWriter(path);
        writer.Write("user_id,date,project,hours,notes\n");
        for (var i = 0; i < rows; i++)
        {
            var day = today.AddDays(-firstDayBack - ((i / Users) % DaysSpan));
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"import{i % Users}.{batch}@exampleco.com,{day:yyyy-MM-dd},{(i % 2 == 0 ? "Internal" : "Mobile App")},1,\n"));
        }

        return path;
    }

    private static CliUser Importer(CliFixture fixture)
    {
        var importer = new CliUser(fixture);
        importer.Environment["TIMESHEETS_CLIENT_SECRET"] = IdentityHost.ImportSecret;
        return importer;
    }

    [Fact]
    public async Task Import_100000Rows_InterruptedThenRunAgain_StoresEveryRowOnce()
    {
        using var importer = Importer(fixture);
        var batch = Guid.NewGuid().ToString("N")[..8];
        // The people named are users of Identity: the API refuses rows naming anyone else.
        await fixture.Identity.CreateUsersAsync(Enumerable.Range(0, Users).Select(u => $"import{u}.{batch}@exampleco.com"));
        var file = WriteCsv(importer.ConfigDirectory, 100_000, batch, firstDayBack: 200);
        using var interrupt = new CancellationTokenSource();
        // Interrupted as a user's Ctrl+C would, once half the rows are in.
        var progress = new SharedWriter { Written = text => { if (text.Contains("Imported 50,000 of 100,000", StringComparison.Ordinal)) { interrupt.Cancel(); } } };

        var first = await importer.RunAsync(["import", file], progress, interrupt.Token);

        Assert.True(first.ExitCode == 130, first.ToString());
        Assert.Contains("rows/s, ETA", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Imported 100,000", first.Out, StringComparison.Ordinal);
        Assert.Contains("Run the same import again", first.Error, StringComparison.Ordinal);

        var second = await importer.RunAsync("import", file, "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(100_000, second.Json.GetProperty("rows").GetInt64());
        Assert.True(second.Json.GetProperty("skipped").GetInt64() >= 50_000, second.Out);
        Assert.Equal(100_000, second.Json.GetProperty("created").GetInt64() + second.Json.GetProperty("skipped").GetInt64());

        // Counted through the API: a manager's team report over the import's days.
        using var manager = await CliUser.LoggedInAsync(fixture, IdentityHost.Manager);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var report = (await manager.RunAsync("report", "--team", "--by", "user", "--json",
            "--from", Days.Text(today.AddDays(-200 - DaysSpan + 1)), "--to", Days.Text(today.AddDays(-200)))).Json;
        var imported = report.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("key").GetString()!.EndsWith($".{batch}@exampleco.com", StringComparison.Ordinal)).ToList();
        Assert.Equal(Users, imported.Count);
        Assert.Equal(100_000, imported.Sum(r => r.GetProperty("entries").GetInt32()));
    }

    [Fact]
    public async Task Import_BadRows_ReportsTheirFileLinesAndSendsNothing()
    {
        using var importer = Importer(fixture);
        var day = Days.Text(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3));
        var file = Path.Combine(importer.ConfigDirectory, "bad.csv");
        Directory.CreateDirectory(importer.ConfigDirectory);
        await File.WriteAllTextAsync(file, new StringBuilder()
            .Append("user_id,date,project,hours,notes\n")
            .Append(CultureInfo.InvariantCulture, $"bad1@exampleco.com,{day},Internal,2,ok\n")
            .Append(CultureInfo.InvariantCulture, $"bad1@exampleco.com,{day},Internal,25,too long a day\n")
            .Append(CultureInfo.InvariantCulture, $"bad2@exampleco.com,{day},Internal,1,\"two\nlines\"\n")
            .Append("bad2@exampleco.com,2026-13-01,Internal,1,\n")
            .ToString());

        var result = await importer.RunAsync("import", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 3: hours:", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 6: date: The date is YYYY-MM-DD.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RowsTheServerRefuses_ReportsTheirFileLines()
    {
        using var importer = Importer(fixture);
        var day = Days.Text(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-4));
        var file = Path.Combine(importer.ConfigDirectory, "refused.csv");
        Directory.CreateDirectory(importer.ConfigDirectory);
        await fixture.Identity.CreateUsersAsync("refused@exampleco.com"); // a real person: only the project is wrong
        await File.WriteAllTextAsync(file, $"user_id,date,project,hours\nrefused@exampleco.com,{day},Internal,1\n\nrefused@exampleco.com,{day},Nope,1\n");

        var result = await importer.RunAsync("import", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 4: project: There is no project named 'Nope'.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutASecret_IsAUsageError()
    {
        using var importer = new CliUser(fixture);

        var result = await importer.RunAsync("import", "hours.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TIMESHEETS_CLIENT_SECRET", result.Error, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportTestsOnSqlite(SqliteCliFixture fixture) : ImportTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ImportTestsOnPostgres(PostgresCliFixture fixture) : ImportTests(fixture);
