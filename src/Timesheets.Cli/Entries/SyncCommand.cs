using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client.Offline;

namespace Timesheets.Cli.Entries;

/// <summary><c>sync</c>: sends the entries queued offline; each ends stored, or refused with the server's reason.</summary>
internal static class SyncCommand
{
    public static Command Create(CliContext context)
    {
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("sync", "Send the entries logged while the API was unreachable, and show what became of each.",
            "timesheets sync", "timesheets sync --json");
        command.Add(json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var connection = await Connection.OpenAsync(context, cancellationToken);
            var queue = OfflineEntries.Queue(connection, connection.Api());
            var report = await queue.ReplayAsync(cancellationToken);
            // What the user has now seen leaves the queue; entries still waiting stay for the next sync.
            foreach (var settled in report.Stored.Concat(report.Refused))
            {
                await queue.DismissAsync(settled.Id, cancellationToken);
            }

            if (parse.GetValue(json))
            {
                Output.Json(context, new SyncOutcome([.. report.Stored.Select(Synced)], [.. report.Refused.Select(Synced)], [.. report.StillWaiting.Select(Synced)]),
                    CliJson.Default.SyncOutcome);
            }
            else
            {
                Print(context, report);
            }

            return report.StoppedBy is { } stopped ? Output.Fail(context, stopped)
                : report.Refused.Count > 0 ? ExitCodes.Refused
                : ExitCodes.Ok;
        });
        return command;
    }

    private static SyncedEntry Synced(QueuedEntry queued) => new(queued.Id, queued.Entry, queued.Stored?.Id, queued.Refusal?.Message);

    private static void Print(CliContext context, SyncReport report)
    {
        if (report.Stored.Count + report.Refused.Count + report.StillWaiting.Count == 0)
        {
            context.Console.MarkupLine("Nothing queued.");
        }

        foreach (var stored in report.Stored)
        {
            context.Console.MarkupLineInterpolated($"[green]Stored[/] {Describe(stored)} as entry {stored.Stored!.Id}.");
        }

        foreach (var refused in report.Refused)
        {
            context.Console.MarkupLineInterpolated($"[red]Refused[/] {Describe(refused)}: {refused.Refusal?.Message}");
        }

        foreach (var waiting in report.StillWaiting)
        {
            context.Console.MarkupLineInterpolated($"[yellow]Still queued[/] {Describe(waiting)}.");
        }
    }

    private static string Describe(QueuedEntry queued) =>
        $"{EntryTable.Hours(queued.Entry.Hours ?? 0)} h on {queued.Entry.Project} for {queued.Entry.Date:yyyy-MM-dd}";
}
