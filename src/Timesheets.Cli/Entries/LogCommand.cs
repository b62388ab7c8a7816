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
        var hours = new Option<decimal>("--hours") { Description = "Hours worked (more than 0, at most 24, two decimals).", Required = true };
        var project = new Option<string?>("--project", "-p") { Description = "The project; defaults to the last one you logged." };
        var date = CommandKit.DateOption("--date", "The day worked; defaults to today");
        var notes = new Option<string?>("--notes", "-n") { Description = "What you did." };
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("log", "Log hours on a project. Without a network the entry is queued; `timesheets sync` sends it later.",
            "timesheets log --hours 7.5 --project \"Mobile App\"", "timesheets log --hours 2 --date 2026-12-01 --notes \"Release review\"");
        command.Add(hours);
        command.Add(project);
        command.Add(date);
        command.Add(notes);
        command.Add(json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var connection = await Connection.OpenAsync(context, cancellationToken);
            if ((parse.GetValue(project) ?? connection.Config.LastProject) is not { } projectName)
            {
                return Output.Usage(context, "name a project with --project (no project was logged before).");
            }

            var request = new EntryRequest { Date = parse.GetValue(date) ?? context.Today, Project = projectName, Hours = parse.GetValue(hours), Notes = parse.GetValue(notes) };
            var api = connection.Api();
            var day = await Pages.AllAsync(api, api.ListEntriesAsync(new EntryQuery { From = request.Date, To = request.Date }, cancellationToken), cancellationToken);
            if (day.Problem is { Kind: ProblemKind.Unreachable })
            {
                return await OfflineEntries.QueueAsync(connection, api, request, parse.GetValue(json), cancellationToken);
            }

            if (day.Problem is { } listProblem)
            {
                return Output.Fail(context, listProblem);
            }

            var errors = WeekTotals.Check(new EntryDraft(request.Date, request.Project, request.Hours, request.Notes), context.Today, day.Items);
            if (errors.Count > 0)
            {
                return Output.Invalid(context, errors);
            }

            var created = await api.CreateEntryAsync(request, Guid.NewGuid().ToString("N"), cancellationToken);
            if (created.Problem is { Kind: ProblemKind.Unreachable })
            {
                return await OfflineEntries.QueueAsync(connection, api, request, parse.GetValue(json), cancellationToken);
            }

            if (created.Value is not { } entry)
            {
                return Output.Fail(context, created.Problem!);
            }

            await connection.SaveAsync(c => c with { LastProject = entry.Project }, cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(context, new LoggedEntry(false, entry, null, request), CliJson.Default.LoggedEntry);
            }
            else
            {
                context.Console.MarkupLineInterpolated(
                    $"[green]Logged[/] {EntryTable.Hours(entry.Hours)} h on {entry.Project} for {entry.Date:yyyy-MM-dd} (entry {entry.Id}, {entry.Status}).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
