using System.CommandLine;
using Timesheets.Cli.Shared;
using Timesheets.Contracts;

namespace Timesheets.Cli.Approvals;

/// <summary><c>reject ID... --reason TEXT</c>: the reason is shown to the entry's owner.</summary>
internal static class RejectCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<long[]>("id") { Description = "Entry IDs.", Arity = ArgumentArity.OneOrMore };
        var reason = new Option<string>("--reason", "-r") { Description = "Why; the owner sees it.", Required = true };
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("reject", "Reject entries with a reason; their owners can edit and resubmit them.",
            "timesheets reject 42 --reason \"Wrong project: use Internal\"");
        command.With(ids, reason, json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var why = parse.GetValue(reason);
            if (EntryShape.ReasonErrors(why) is { } errors)
            {
                return Output.Invalid(context, errors);
            }

            var api = (await Connection.OpenAsync(context, cancellationToken)).Api();
            var chosen = parse.GetValue(ids)!.Distinct().ToArray();
            var rejected = new List<EntryResponse>();
            foreach (var chunk in chosen.Chunk(EntryLimits.MaxBulkIds))
            {
                var result = chunk.Length == 1
                    ? Review.Of(await api.RejectAsync(chunk[0], why!, cancellationToken: cancellationToken))
                    : Review.Of(await api.RejectManyAsync(chunk, why!, cancellationToken));
                if (result.Problem is { } problem)
                {
                    return Output.Fail(context, problem);
                }

                rejected.AddRange(result.Entries);
            }

            return Review.Report(context, rejected, "Rejected", parse.GetValue(json));
        });
        return command;
    }
}
