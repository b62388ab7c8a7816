using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Rules;
using Timesheets.Contracts;

namespace Timesheets.Cli.Entries;

/// <summary><c>edit ID</c> and <c>delete ID</c>: both send the version read (If-Match), so a change made meanwhile is not overwritten.</summary>
internal static class EditCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<long>("id") { Description = "The entry's ID (see `timesheets list`)." };
        var hours = new Option<decimal?>("--hours") { Description = "New hours." };
        var project = new Option<string?>("--project", "-p") { Description = "New project." };
        var date = CommandKit.DateOption("--date", "New day");
        var notes = new Option<string?>("--notes", "-n") { Description = "New notes (\"\" clears them)." };
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("edit", "Change a pending or rejected entry; only the options given change.",
            "timesheets edit 42 --hours 6", "timesheets edit 42 --project Internal --notes \"Moved\"");
        command.Add(id);
        command.Add(hours);
        command.Add(project);
        command.Add(date);
        command.Add(notes);
        command.Add(json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var api = (await Connection.OpenAsync(context, cancellationToken)).Api();
            var current = await api.GetEntryAsync(parse.GetValue(id), cancellationToken);
            if (current.Value is not { } entry)
            {
                return Output.Fail(context, current.Problem!);
            }

            var request = new EntryRequest
            {
                Date = parse.GetValue(date) ?? entry.Date,
                Project = parse.GetValue(project) ?? entry.Project,
                Hours = parse.GetValue(hours) ?? entry.Hours,
                Notes = parse.GetResult(notes) is null ? entry.Notes : parse.GetValue(notes) is { Length: > 0 } text ? text : null,
            };
            var day = await Pages.AllAsync(api, api.ListEntriesAsync(new EntryQuery { From = request.Date, To = request.Date }, cancellationToken), cancellationToken);
            var errors = WeekTotals.Check(new EntryDraft(request.Date, request.Project, request.Hours, request.Notes), context.Today, day.Items, entry.Id);
            if (errors.Count > 0)
            {
                return Output.Invalid(context, errors);
            }

            var updated = await api.UpdateEntryAsync(entry.Id, request, current.ETag ?? entry.Etag, cancellationToken);
            if (updated.Value is not { } saved)
            {
                return Output.Fail(context, updated.Problem!);
            }

            if (parse.GetValue(json))
            {
                Output.Json(context, saved, Client.Json.ClientJson.Default.EntryResponse);
            }
            else
            {
                context.Console.MarkupLineInterpolated($"[green]Updated[/] entry {saved.Id}: {EntryTable.Hours(saved.Hours)} h on {saved.Project} for {saved.Date:yyyy-MM-dd}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Delete(CliContext context)
    {
        var id = new Argument<long>("id") { Description = "The entry's ID." };
        var command = CommandKit.Create("delete", "Delete a pending or rejected entry.", "timesheets delete 42");
        command.Add(id);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var api = (await Connection.OpenAsync(context, cancellationToken)).Api();
            var current = await api.GetEntryAsync(parse.GetValue(id), cancellationToken);
            if (current.Value is not { } entry)
            {
                return Output.Fail(context, current.Problem!);
            }

            var deleted = await api.DeleteEntryAsync(entry.Id, current.ETag ?? entry.Etag, cancellationToken);
            if (deleted.Problem is { } problem)
            {
                return Output.Fail(context, problem);
            }

            context.Console.MarkupLineInterpolated($"[green]Deleted[/] entry {entry.Id} ({EntryTable.Hours(entry.Hours)} h on {entry.Project}, {entry.Date:yyyy-MM-dd}).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
