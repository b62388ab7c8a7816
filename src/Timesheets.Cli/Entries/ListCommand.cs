using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Rules;

namespace Timesheets.Cli.Entries;

/// <summary><c>list</c>: the caller's entries, one table per ISO week with the week's total.</summary>
internal static class ListCommand
{
    /// <summary>Without a period: this week and the three before it.</summary>
    private const int DefaultWeeks = 4;

    public static Command Create(CliContext context)
    {
        var week = new Option<string?>("--week", "-w") { Description = "One ISO week, e.g. 2026-W49." };
        var from = CommandKit.DateOption("--from", "First day");
        var to = CommandKit.DateOption("--to", "Last day");
        var status = CommandKit.StatusOption();
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("list", $"List your entries by week with each week's total (the last {DefaultWeeks} weeks unless a period is given).",
            "timesheets list", "timesheets list --week 2026-W49", "timesheets list --from 2026-11-01 --to 2026-11-30 --status rejected --json");
        command.With(week, from, to, status, json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var query = new EntryQuery { From = parse.GetValue(from), To = parse.GetValue(to), Status = parse.GetValue(status) };
            if (parse.GetValue(week) is { } weekName)
            {
                if (WeekTotals.ParseWeek(weekName) is not { } monday)
                {
                    return Output.Usage(context, $"'{weekName}' is not an ISO week such as 2026-W49.");
                }

                query = query with { From = monday, To = monday.AddDays(6) };
            }
            else if (query.From is null && query.To is null)
            {
                query = query with { From = WeekTotals.MondayOf(context.Today).AddDays(-7 * (DefaultWeeks - 1)) };
            }

            var api = (await Connection.OpenAsync(context, cancellationToken)).Api();
            var list = await Pages.AllAsync(api, api.ListEntriesAsync(query, cancellationToken), cancellationToken);
            if (list.Problem is { } problem)
            {
                return Output.Fail(context, problem);
            }

            var weeks = WeekTotals.ByWeek(list.Items);
            if (parse.GetValue(json))
            {
                Output.Json(context, new ListedWeeks([.. weeks.Select(WeekSummary.From)], list.Items), CliJson.Default.ListedWeeks);
                return ExitCodes.Ok;
            }

            if (weeks.Count == 0)
            {
                context.Console.MarkupLine("No entries in this period.");
            }

            foreach (var total in weeks)
            {
                var entries = list.Items.Where(e => WeekTotals.MondayOf(e.Date) == total.Monday);
                context.Console.Write(EntryTable.Create(entries, withOwner: false,
                    $"{total.Name} ({total.Monday:MMM d} - {total.Sunday:MMM d}): {EntryTable.Hours(total.Hours)} h"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
