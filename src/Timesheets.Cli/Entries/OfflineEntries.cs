using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Contracts;

namespace Timesheets.Cli.Entries;

/// <summary>Placeholder until the shared offline queue lands.</summary>
internal static class OfflineEntries
{
    public static Task<int> QueueAsync(Connection connection, TimesheetsClient api, EntryRequest request, bool json, CancellationToken cancellationToken) =>
        Task.FromResult(Output.Fail(connection.Context, ApiProblem.Unreachable("The API could not be reached.")));
}
