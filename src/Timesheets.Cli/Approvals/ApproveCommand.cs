using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Rules;
using Timesheets.Contracts;

namespace Timesheets.Cli.Approvals;

/// <summary><c>approve ID...</c> or <c>approve --all-from USER --week W</c>: several go through the bulk endpoint, all or none.</summary>
internal static class ApproveCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<long[]>("id") { Description = "Entry IDs (see `timesheets approvals`).", Arity = ArgumentArity.ZeroOrMore };
        var allFrom = new Option<string?>("--all-from") { Description = "Approve every pending entry of this user (email) in --week." };
        var week = new Option<string?>("--week", "-w") { Description = "The ISO week for --all-from, e.g. 2026-W49." };
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("approve", "Approve one or several entries; several are approved together or not at all.",
            "timesheets approve 42", "timesheets approve 42 43 44", "timesheets approve --all-from employee@exampleco.com --week 2026-W49");
        command.With(ids, allFrom, week, json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var api = (await Connection.OpenAsync(context, cancellationToken)).Api();
            var chosen = parse.GetValue(ids) ?? [];
            if (parse.GetValue(allFrom) is { } user)
            {
                if (chosen.Length > 0 || WeekTotals.ParseWeek(parse.GetValue(week) ?? "") is not { } monday)
                {
                    return Output.Usage(context, "--all-from takes a --week such as 2026-W49, and no IDs.");
                }

                var pending = await Pages.AllAsync(api, api.ListApprovalsAsync(
                    new EntryQuery { From = monday, To = monday.AddDays(6), Status = EntryStatuses.Pending }, cancellationToken), cancellationToken);
                if (pending.Problem is { } problem)
                {
                    return Output.Fail(context, problem);
                }

                chosen = [.. pending.Items.Where(e => string.Equals(e.UserId, user, StringComparison.OrdinalIgnoreCase)).Select(e => e.Id)];
                if (chosen.Length == 0)
                {
                    context.Console.MarkupLineInterpolated($"Nothing pending from {user} in {parse.GetValue(week)}.");
                    return ExitCodes.Ok;
                }
            }
            else if (chosen.Length == 0)
            {
                return Output.Usage(context, "name the entries to approve, or --all-from USER --week W.");
            }

            var approved = new List<EntryResponse>();
            foreach (var chunk in chosen.Distinct().Chunk(EntryLimits.MaxBulkIds))
            {
                var result = chunk.Length == 1
                    ? Review.Of(await api.ApproveAsync(chunk[0], cancellationToken: cancellationToken))
                    : Review.Of(await api.ApproveManyAsync(chunk, cancellationToken));
                if (result.Problem is { } problem)
                {
                    return Output.Fail(context, problem);
                }

                approved.AddRange(result.Entries);
            }

            return Review.Report(context, approved, "Approved", parse.GetValue(json));
        });
        return command;
    }
}
