using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Offline;
using Timesheets.Contracts;

namespace Timesheets.Cli.Entries;

/// <summary>The offline queue of the API in use, kept under the config folder (0700, files 0600).</summary>
internal static class OfflineEntries
{
    public static OfflineQueue Queue(Connection connection, TimesheetsClient api) =>
        new(api, new FileOfflineStore(connection.Store.OfflineFolder(connection.Endpoints.Api)), connection.Context.Clock);

    /// <summary>Keeps an entry the API could not take now; <c>sync</c> sends it with its own Idempotency-Key, so it is stored once.</summary>
    public static async Task<int> QueueAsync(Connection connection, TimesheetsClient api, EntryRequest request, bool json, CancellationToken cancellationToken)
    {
        var context = connection.Context;
        var queued = await Queue(connection, api).EnqueueAsync(request, cancellationToken);
        await connection.SaveAsync(c => c with { LastProject = request.Project }, cancellationToken);
        if (json)
        {
            Output.Json(context, new LoggedEntry(true, null, queued.Id, request), CliJson.Default.LoggedEntry);
        }
        else
        {
            context.Console.MarkupLineInterpolated(
                $"[yellow]Queued[/] {EntryTable.Hours(request.Hours ?? 0)} h on {request.Project} for {request.Date:yyyy-MM-dd}: the API could not be reached. Run `timesheets sync` when it is back.");
        }

        return ExitCodes.Ok;
    }
}
