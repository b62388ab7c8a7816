using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>Query string of the entry lists: <c>from</c>, <c>to</c>, <c>status</c>, <c>project</c>, <c>limit</c>, <c>cursor</c>.</summary>
internal sealed record EntryFilter(DateOnly? From, DateOnly? To, string? Status, string? Project, int? Limit, string? Cursor);

internal static class EntryPaging
{
    public const int DefaultLimit = 50;

    /// <summary>Applies the filters, or returns the per-parameter errors.</summary>
    public static IQueryable<TimesheetEntry> Filter(this IQueryable<TimesheetEntry> query, EntryFilter filter, int maxLimit, Dictionary<string, string[]> errors)
    {
        if (filter.From is { } from)
        {
            query = query.Where(e => e.Date >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.Date <= to);
        }

        if (filter.Status is { } statusText)
        {
            if (Enum.TryParse<EntryStatus>(statusText, true, out var status) && !int.TryParse(statusText, out _))
            {
                query = query.Where(e => e.Status == status);
            }
            else
            {
                errors["status"] = ["The status is pending, approved or rejected."];
            }
        }

        if (!string.IsNullOrEmpty(filter.Project))
        {
            query = query.Where(e => e.Project!.Name == filter.Project);
        }

        if (filter.Limit is { } limit && (limit < 1 || limit > maxLimit))
        {
            errors["limit"] = [$"The limit is between 1 and {maxLimit}."];
        }

        if (filter.Cursor is not null)
        {
            if (EntryCursor.TryDecode(filter.Cursor, out var cursor))
            {
                query = query.Where(e => e.Date < cursor.Date || (e.Date == cursor.Date && e.Id < cursor.Id));
            }
            else
            {
                errors["cursor"] = ["The cursor is not one this server handed out."];
            }
        }

        return query;
    }

    /// <summary>One page, newest day first; adds <c>Link: &lt;…&gt;; rel="next"</c> when there is more.</summary>
    public static async Task<List<EntryResponse>> PageAsync(this IQueryable<TimesheetEntry> query, EntryFilter filter, HttpContext http, CancellationToken cancellationToken)
    {
        var limit = filter.Limit ?? DefaultLimit;
        var rows = await query.AsNoTracking()
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id)
            .Take(limit + 1).Select(EntryMapping.Projection).ToListAsync(cancellationToken);
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var last = rows[^1];
            var parameters = http.Request.Query.Where(q => q.Key != "cursor").ToDictionary(q => q.Key, q => q.Value.ToString());
            parameters["cursor"] = new EntryCursor(last.Date, last.Id).Encode();
            var next = UriHelper.BuildRelative(http.Request.PathBase, http.Request.Path, QueryString.Create(parameters!));
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return rows;
    }
}
