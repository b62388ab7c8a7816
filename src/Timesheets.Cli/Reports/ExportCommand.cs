using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Contracts;

namespace Timesheets.Cli.Reports;

/// <summary><c>export</c>: the caller's entries as CSV or JSON, to a file or stdout.</summary>
internal static class ExportCommand
{
    public const string CsvHeader = "id,date,project,hours,status,notes,reviewed_by,rejection_reason,source,external_id";

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f") { Description = "csv or json.", DefaultValueFactory = _ => "csv" }.AcceptOnlyFromAmong("csv", "json");
        var from = CommandKit.DateOption("--from", "First day; defaults to the Monday three weeks ago");
        var to = CommandKit.DateOption("--to", "Last day; defaults to today");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of stdout." };
        var command = CommandKit.Create("export", "Export your entries as CSV or JSON.",
            "timesheets export --format csv -o november.csv --from 2026-11-01 --to 2026-11-30", "timesheets export --format json | jq '.[].hours'");
        command.With(format, from, to, output);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var (first, last) = ReportCommands.Period(context, parse.GetValue(from), parse.GetValue(to));
            var api = (await Connection.OpenAsync(context, cancellationToken)).Api();
            var list = await Pages.AllAsync(api, api.ListEntriesAsync(new EntryQuery { From = first, To = last }, cancellationToken), cancellationToken);
            if (list.Problem is { } problem)
            {
                return Output.Fail(context, problem);
            }

            var entries = list.Items.OrderBy(e => e.Date).ThenBy(e => e.Id).ToList();
            var text = parse.GetValue(format) == "json"
                ? JsonSerializer.Serialize(entries, Client.Json.ClientJson.Default.ListEntryResponse)
                : Csv(entries);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, cancellationToken);
                context.Console.MarkupLineInterpolated($"Exported {entries.Count} entries to {file.FullName}.");
            }
            else
            {
                await context.Out.WriteLineAsync(text.TrimEnd('\n'));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Csv(IEnumerable<EntryResponse> entries)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var e in entries)
        {
            string[] fields = [e.Id.ToString(CultureInfo.InvariantCulture), e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Project,
                e.Hours.ToString(CultureInfo.InvariantCulture), e.Status, e.Notes ?? "", e.ReviewedBy ?? "", e.RejectionReason ?? "", e.Source, e.ExternalId ?? ""];
            csv.AppendJoin(',', fields.Select(SpreadsheetCsv.Field)).Append('\n');
        }

        return csv.ToString();
    }
}
