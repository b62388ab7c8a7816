using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Contracts;

namespace Timesheets.Cli.Approvals;

/// <summary>The entries a review changed, or why it changed none.</summary>
internal sealed record Review(IReadOnlyList<EntryResponse> Entries, ApiProblem? Problem)
{
    public static Review Of(ApiResult<EntryResponse> result) => new(result.Value is { } entry ? [entry] : [], result.Problem);

    public static Review Of(ApiResult<List<EntryResponse>> result) => new(result.Value ?? [], result.Problem);

    public static int Report(CliContext context, IReadOnlyList<EntryResponse> entries, string verb, bool json)
    {
        if (json)
        {
            Output.Json(context, [.. entries], Client.Json.ClientJson.Default.ListEntryResponse);
            return ExitCodes.Ok;
        }

        foreach (var entry in entries.OrderBy(e => e.Date).ThenBy(e => e.Id))
        {
            context.Console.MarkupLineInterpolated(
                $"{verb} entry {entry.Id}: {entry.UserId}, {entry.Date:yyyy-MM-dd}, {entry.Project}, {EntryTable.Hours(entry.Hours)} h");
        }

        return ExitCodes.Ok;
    }
}
