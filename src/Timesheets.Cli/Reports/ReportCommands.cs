using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Rules;

namespace Timesheets.Cli.Reports;

/// <summary><c>report</c> (hours summed, as a bar chart) and <c>export</c>.</summary>
internal static class ReportCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [ReportCommand(context), ExportCommand.Create(context)];

    /// <summary>The period when none is given: this week and the three before, as <c>list</c>.</summary>
    public static (DateOnly From, DateOnly To) Period(CliContext context, DateOnly? from, DateOnly? to) =>
        (from ?? WeekTotals.MondayOf(context.Today).AddDays(-21), to ?? context.Today);

    private static Command ReportCommand(CliContext context)
    {
        var by = new Option<string>("--by") { Description = "Group hours by day, week, project or user.", DefaultValueFactory = _ => "project" }
            .AcceptOnlyFromAmong("day", "week", "project", "user");
        var from = CommandKit.DateOption("--from", "First day; defaults to the Monday three weeks ago");
        var to = CommandKit.DateOption("--to", "Last day; defaults to today");
        var team = new Option<bool>("--team") { Description = "Everyone's hours, not only yours (needs approve:timesheets)." };
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("report", "Sum hours over a period, drawn as a bar chart.",
            "timesheets report --by project", "timesheets report --by user --team --from 2026-11-01 --to 2026-11-30");
        command.With(by, from, to, team, json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var (first, last) = Period(context, parse.GetValue(from), parse.GetValue(to));
            var api = (await Connection.OpenAsync(context, cancellationToken)).Api();
            var summary = await api.GetSummaryAsync(new ReportQuery
            {
                From = first, To = last, GroupBy = parse.GetValue(by)!, Scope = parse.GetValue(team) ? "team" : "own",
            }, cancellationToken);
            if (summary.Value is not { } report)
            {
                return Output.Fail(context, summary.Problem!);
            }

            if (parse.GetValue(json))
            {
                Output.Json(context, report, Client.Json.ClientJson.Default.SummaryResponse);
                return ExitCodes.Ok;
            }

            var chart = new BarChart().Width(Math.Min(context.Console.Profile.Width, 100)).Label($"Hours by {report.GroupBy}, {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} ({report.Scope}): {EntryTable.Hours(report.TotalHours)} h");
            var colours = new[] { Color.Blue, Color.Green, Color.Yellow, Color.Aqua, Color.Fuchsia, Color.Orange1 };
            foreach (var (row, index) in report.Rows.Select((r, i) => (r, i)))
            {
                chart.AddItem(Markup.Escape(row.Key), (double)row.Hours, colours[index % colours.Length]);
            }

            context.Console.Write(report.Rows.Count == 0 ? new Markup("No hours in this period.") : chart);
            context.Console.WriteLine();
            return ExitCodes.Ok;
        });
        return command;
    }
}
