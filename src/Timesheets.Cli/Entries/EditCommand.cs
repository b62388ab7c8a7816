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
        var fields = new EntryOptions(editing: true);
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("edit", "Change a pending or rejected entry; only the options given change.",
            "timesheets edit 42 --hours 6", "timesheets edit 42 --project Internal --notes \"Moved\"");
        command.With([id, .. fields.All, json]);
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
                Date = parse.GetValue(fields.Date) ?? entry.Date,
                Project = parse.GetValue(fields.Project) ?? entry.Project,
                Hours = parse.GetValue(fields.Hours) ?? entry.Hours,
                Notes = parse.GetResult(fields.Notes) is null ? entry.Notes : parse.GetValue(fields.Notes) is { Length: > 0 } text ? text : null,
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
