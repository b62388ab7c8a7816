using Timesheets.Client;
using Timesheets.Contracts;

namespace Timesheets.Cli.Shared;

/// <summary>All the entries of a list, or the problem that stopped it.</summary>
internal sealed record EntryList(IReadOnlyList<EntryResponse> Items, ApiProblem? Problem);

/// <summary>Every page of an entry list, following the server's <c>Link: rel="next"</c>.</summary>
internal static class Pages
{
    public static async Task<EntryList> AllAsync(TimesheetsClient api, Task<ApiResult<EntryPage>> first, CancellationToken cancellationToken)
    {
        var page = await first;
        var items = new List<EntryResponse>();
        while (true)
        {
            if (page.Value is not { } value)
            {
                return new EntryList(items, page.Problem);
            }

            items.AddRange(value.Items);
            if (value.Next is null)
            {
                return new EntryList(items, null);
            }

            page = await api.NextPageAsync(value.Next, cancellationToken);
        }
    }
}
