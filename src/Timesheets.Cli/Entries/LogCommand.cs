using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Rules;
using Timesheets.Contracts;

namespace Timesheets.Cli.Entries;

/// <summary><c>log</c>: one entry, checked by the shared rules first, queued when the API cannot be reached.</summary>
internal static class LogCommand
{
    public static Command Create(CliContext context)
    {
        var entry = new EntryOptions(editing: false);
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("log", "Log hours on a project. Without a network the entry is queued; `timesheets sync` sends it later.",
            "timesheets log --hours 7.5 --project \"Mobile App\"", "timesheets log --hours 2 --date 2026-12-01 --notes \"Release review\"");
        command.With([.. entry.All, json]);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var connection = await Connection.OpenAsync(context, cancellationToken);
            if ((parse.GetValue(entry.Project) ?? connection.Config.LastProject) is not { } projectName)
            {
                return Output.Usage(context, "name a project with --project (no project was logged before).");
            }

            var request = new EntryRequest { Date = parse.GetValue(entry.Date) ?? context.Today, Project = projectName, Hours = parse.GetValue(entry.Hours), Notes = parse.GetValue(entry.Notes) };
            var api = connection.Api();
            var day = await Pages.AllAsync(api, api.ListEntriesAsync(new EntryQuery { From = request.Date, To = request.Date }, cancellationToken), cancellationToken);
            var offline = day.Problem is { Kind: ProblemKind.Unreachable };
            if (day.Problem is { } listProblem && !offline)
            {
                return Output.Fail(context, listProblem);
            }

            // Offline, the day's other entries are unknown: the rest of the rules still hold, and the server checks the day on sync.
            var errors = WeekTotals.Check(new EntryDraft(request.Date, request.Project, request.Hours, request.Notes), context.Today, day.Items);
            if (errors.Count > 0)
            {
                return Output.Invalid(context, errors);
            }

            if (offline)
            {
                return await OfflineEntries.QueueAsync(connection, api, request, parse.GetValue(json), cancellationToken);
            }

            var created = await api.CreateEntryAsync(request, Guid.NewGuid().ToString("N"), cancellationToken);
            if (created.Problem is { Kind: ProblemKind.Unreachable })
            {
                return await OfflineEntries.QueueAsync(connection, api, request, parse.GetValue(json), cancellationToken);
            }

            if (created.Value is not { } stored)
            {
                return Output.Fail(context, created.Problem!);
            }

            await connection.SaveAsync(c => c with { LastProject = stored.Project }, cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(context, new LoggedEntry(false, stored, null, request), CliJson.Default.LoggedEntry);
            }
            else
            {
                context.Console.MarkupLineInterpolated(
                    $"[green]Logged[/] {EntryTable.Hours(stored.Hours)} h on {stored.Project} for {stored.Date:yyyy-MM-dd} (entry {stored.Id}, {stored.Status}).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
