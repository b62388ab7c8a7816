using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;

namespace Timesheets.Cli.Approvals;

/// <summary><c>approvals</c>, <c>approve</c> and <c>reject</c> (<c>approve:timesheets</c>).</summary>
internal static class ApprovalCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [ListCommand(context), ApproveCommand.Create(context), RejectCommand.Create(context)];

    private static Command ListCommand(CliContext context)
    {
        var from = CommandKit.DateOption("--from", "First day");
        var to = CommandKit.DateOption("--to", "Last day");
        var status = CommandKit.StatusOption();
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("approvals", "List other people's entries waiting for your decision (pending unless --status).",
            "timesheets approvals", "timesheets approvals --from 2026-11-30 --to 2026-12-06 --json");
        command.With(from, to, status, json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var api = (await Connection.OpenAsync(context, cancellationToken)).Api();
            var query = new EntryQuery { From = parse.GetValue(from), To = parse.GetValue(to), Status = parse.GetValue(status) };
            var list = await Pages.AllAsync(api, api.ListApprovalsAsync(query, cancellationToken), cancellationToken);
            if (list.Problem is { } problem)
            {
                return Output.Fail(context, problem);
            }

            if (parse.GetValue(json))
            {
                Output.Json(context, [.. list.Items], Client.Json.ClientJson.Default.ListEntryResponse);
            }
            else if (list.Items.Count == 0)
            {
                context.Console.MarkupLine("Nothing waiting for approval.");
            }
            else
            {
                context.Console.Write(EntryTable.Create(list.Items, withOwner: true, $"{list.Items.Count} entries, {EntryTable.Hours(list.Items.Sum(e => e.Hours))} h"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
