// CSV micro benchmark: parse a 100,000-row upload and write a 100,000-row report with the hand-written
// reader and writer the API used before, and with the API's reader (Sylvan.Data.Csv) and writer (Sep).
// Cases run interleaved (a, b, c, a, b, c, …) because the machine is shared; the table shows medians.
// Usage: dotnet run -c Release --project bench/csv [-- rounds]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvBench.Baseline;
using nietras.SeparatedValues;
using Timesheets.Api.Features.Reports;
using Timesheets.Api.Features.Upload;
using Timesheets.Contracts;

const int Rows = 100_000;
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 9;
var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
var upload = UploadBody();
var report = ReportRows();
string[] columns = ["user_id", "date", "project", "hours", "notes", "external_id"];

var cases = new (string Name, Func<long> Run)[]
{
    ("parse: hand-written", () => ParseHandWrittenAsync().GetAwaiter().GetResult()),
    ("parse: Sylvan.Data.Csv (API's CsvRecordReader)", () => ParseApiAsync().GetAwaiter().GetResult()),
    ("parse: Sep, bare (no row bound)", ParseSepBare),
    ("write: hand-written", WriteHandWritten),
    ("write: Sep (API's SummaryCsv)", () => SummaryCsv.Write("user", report).Length > 0 ? report.Length : 0),
};

// Same work: the writers' bytes and the readers' fields must be identical before anything is timed.
if (!HandWrittenBytes().AsSpan().SequenceEqual(SummaryCsv.Write("user", report)))
{
    throw new InvalidOperationException("The two writers wrote different bytes.");
}

if (await FieldsAsync(hand: true) != await FieldsAsync(hand: false))
{
    throw new InvalidOperationException("The two readers read different fields.");
}

// Warm-up: JIT and tiering.
for (var i = 0; i < 3; i++)
{
    foreach (var c in cases)
    {
        c.Run();
    }
}

var results = cases.ToDictionary(c => c.Name, _ => (Rate: new List<double>(), Bytes: new List<double>()));
for (var round = 0; round < rounds; round++)
{
    foreach (var c in cases)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var check = c.Run();
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (check != Rows)
        {
            throw new InvalidOperationException($"{c.Name} saw {check} rows, not {Rows}.");
        }

        results[c.Name].Rate.Add(Rows / watch.Elapsed.TotalSeconds);
        results[c.Name].Bytes.Add(allocated);
    }
}

Console.WriteLine($"{Rows:N0} rows; upload body {upload.Length:N0} bytes; {rounds} interleaved rounds; medians");
Console.WriteLine("| case | rows/s | allocated bytes | bytes/row |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var c in cases)
{
    var bytes = Median(results[c.Name].Bytes);
    Console.WriteLine($"| {c.Name} | {Median(results[c.Name].Rate):N0} | {bytes:N0} | {bytes / Rows:N0} |");
}

return;

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}

// Every parse materialises the six fields as strings, as the upload does (UploadRow holds strings).
async Task<long> ParseHandWrittenAsync()
{
    using var text = new StreamReader(new MemoryStream(upload), strictUtf8);
    var csv = new HandWrittenCsvReader(text);
    var header = await csv.ReadAsync(CancellationToken.None) ?? throw new InvalidOperationException();
    var index = columns.Select(c => header.IndexOf(c)).ToArray();
    long rows = 0, chars = 0;
    while (await csv.ReadAsync(CancellationToken.None) is { } record)
    {
        foreach (var i in index)
        {
            chars += record[i].Length;
        }

        rows++;
    }

    return rows;
}

async Task<long> ParseApiAsync()
{
    using var text = new StreamReader(new MemoryStream(upload), strictUtf8);
    await using var csv = await CsvRecordReader.OpenAsync(text, CancellationToken.None);
    await csv.ReadAsync(CancellationToken.None);
    var header = Enumerable.Range(0, csv.FieldCount).Select(csv.Field).ToList();
    var index = columns.Select(c => header.IndexOf(c)).ToArray();
    long rows = 0, chars = 0;
    while (await csv.ReadAsync(CancellationToken.None))
    {
        foreach (var i in index)
        {
            chars += csv.Field(i).Length;
        }

        rows++;
    }

    return rows;
}

long ParseSepBare()
{
    using var text = new StreamReader(new MemoryStream(upload), strictUtf8);
    using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
    var index = columns.Select(c => reader.Header.IndexOf(c)).ToArray();
    long rows = 0, chars = 0;
    foreach (var row in reader)
    {
        foreach (var i in index)
        {
            chars += row[i].ToString().Length;
        }

        rows++;
    }

    return rows;
}

async Task<string> FieldsAsync(bool hand)
{
    var all = new StringBuilder();
    using var text = new StreamReader(new MemoryStream(upload), strictUtf8);
    if (hand)
    {
        var csv = new HandWrittenCsvReader(text);
        while (await csv.ReadAsync(CancellationToken.None) is { } record)
        {
            all.AppendJoin('\u001f', record).Append('\u001e');
        }
    }
    else
    {
        await using var csv = await CsvRecordReader.OpenAsync(text, CancellationToken.None);
        while (await csv.ReadAsync(CancellationToken.None))
        {
            all.AppendJoin('\u001f', Enumerable.Range(0, csv.FieldCount).Select(csv.Field)).Append('\u001e');
        }
    }

    return all.ToString();
}

long WriteHandWritten() => HandWrittenBytes().Length > 0 ? report.Length : 0;

// The report as the endpoint wrote it before: a StringBuilder of SpreadsheetCsv fields, then UTF-8 bytes.
byte[] HandWrittenBytes()
{
    var csv = new StringBuilder().Append("user,hours,entries\n");
    foreach (var row in report)
    {
        csv.Append(SpreadsheetCsv.Field(row.Key)).Append(',').Append(row.Hours.ToString(CultureInfo.InvariantCulture)).Append(',').Append(row.Entries).Append('\n');
    }

    return Encoding.UTF8.GetBytes(csv.ToString());
}

static byte[] UploadBody()
{
    var csv = new StringBuilder("user_id,date,project,hours,notes,external_id\r\n");
    var day = new DateOnly(2026, 1, 1);
    for (var i = 0; i < Rows; i++)
    {
        var notes = (i % 4) switch
        {
            0 => "",
            1 => "Sprint planning",
            2 => "\"Review, with a comma and \"\"quotes\"\"\"",
            _ => "\"Two lines\r\nof notes\"",
        };
        csv.Append(CultureInfo.InvariantCulture,
            $"person{i % 500}@exampleco.com,{day.AddDays(i % 365):yyyy-MM-dd},{(i % 3 == 0 ? "\"Mobile App\"" : "Internal")},{(i % 8 + 1) * 0.25m},{notes},batch-{i}\r\n");
    }

    return Encoding.UTF8.GetBytes(csv.ToString());
}

// Keys as a report has them, a tenth starting with '=' (defused) and a seventh needing quotes.
static SummaryRow[] ReportRows() =>
    Enumerable.Range(0, Rows).Select(i => new SummaryRow(
        i % 10 == 0 ? $"=cmd{i}@exampleco.com" : i % 7 == 0 ? $"Name, \"quoted\" {i}" : $"person{i}@exampleco.com",
        (i % 97 + 1) * 0.25m, i % 50 + 1)).ToArray();
