using Timesheets.Client.Json;
using Timesheets.Contracts;

namespace Timesheets.Client;

public sealed partial class TimesheetsClient
{
    /// <summary>The caller's entries (<c>GET /timesheets</c>), first page.</summary>
    public Task<ApiResult<EntryPage>> ListEntriesAsync(EntryQuery? query = null, CancellationToken cancellationToken = default) =>
        PageAsync(Request(HttpMethod.Get, "timesheets" + Filter(query)), cancellationToken);

    /// <summary>The following page of any entry list: pass the <see cref="EntryPage.Next"/> of the page before.</summary>
    public Task<ApiResult<EntryPage>> NextPageAsync(string next, CancellationToken cancellationToken = default)
    {
        // The server's link is absolute-path (it carries the API's path base): resolved against the host, not appended.
        var target = Http.BaseAddress is { } api ? new Uri(api, next) : new Uri(next, UriKind.RelativeOrAbsolute);
        return PageAsync(new HttpRequestMessage(HttpMethod.Get, target), cancellationToken);
    }

    public Task<ApiResult<EntryResponse>> GetEntryAsync(long id, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, $"timesheets/{id}"), ClientJson.Default.EntryResponse, cancellationToken);

    /// <summary>
    /// Logs an entry. With <paramref name="idempotencyKey"/>, a retry of the same entry (after a
    /// timeout, or from the offline queue) answers the entry stored the first time instead of a second one.
    /// </summary>
    public Task<ApiResult<EntryResponse>> CreateEntryAsync(EntryRequest entry, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var request = Request(HttpMethod.Post, "timesheets", Json(entry, ClientJson.Default.EntryRequest));
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyHeader, idempotencyKey);
        }

        return SendAsync(request, ClientJson.Default.EntryResponse, cancellationToken);
    }

    /// <summary>Edits a pending or rejected entry; with <paramref name="etag"/>, only if nobody changed it since (else a conflict).</summary>
    public Task<ApiResult<EntryResponse>> UpdateEntryAsync(long id, EntryRequest entry, string? etag = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Put, $"timesheets/{id}", Json(entry, ClientJson.Default.EntryRequest), etag), ClientJson.Default.EntryResponse, cancellationToken);

    public Task<ApiResult<Done>> DeleteEntryAsync(long id, string? etag = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Delete, $"timesheets/{id}", ifMatch: etag), ReadNothingAsync, cancellationToken);

    private async Task<ApiResult<EntryPage>> PageAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await SendAsync(request, async (response, token) =>
        {
            var items = await ReadJsonAsync(response, ClientJson.Default.ListEntryResponse, token);
            return new EntryPage(items, NextLink(response));
        }, cancellationToken);

    internal static string Filter(EntryQuery? query) => query is null ? "" : Query(
        ("from", Date(query.From)), ("to", Date(query.To)), ("status", query.Status), ("project", query.Project),
        ("limit", query.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The target of <c>Link: &lt;…&gt;; rel="next"</c>, relative to the API's base.</summary>
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(v => v.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>')
                && parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
            {
                return parts[0][1..^1];
            }
        }

        return null;
    }
}
