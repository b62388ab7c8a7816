using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Timesheets.Api.Data;

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
            if (Enum.TryParse<EntryStatus>(statusText, ignoreCase: true, out var status) && !int.TryParse(statusText, out _))
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

    /// <summary>
    /// The caller's newest entries, unfiltered (what an app opens on, and the hot path): a compiled
    /// query, so EF does not walk, parameterise and look up the expression tree on every request.
    /// A compiled query serves one model, so there is one per model (one per provider; tests run both).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<ApiDataContext, string, int, IAsyncEnumerable<EntryResponse>>> OwnNewest = [];

    private static Func<ApiDataContext, string, int, IAsyncEnumerable<EntryResponse>> CompileOwnNewest() => EF.CompileAsyncQuery(
        (ApiDataContext db, string sub, int take) => db.Entries.AsNoTracking().Where(e => e.OwnerSub == sub)
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Take(take).Select(EntryMapping.Projection));

    public static bool IsUnfiltered(this EntryFilter filter) =>
        filter is { From: null, To: null, Status: null, Cursor: null } && string.IsNullOrEmpty(filter.Project);

    /// <summary>The first page of the caller's own entries when no filter is given (<see cref="IsUnfiltered"/>).</summary>
    public static async Task<List<EntryResponse>> OwnNewestPageAsync(this ApiDataContext db, string sub, EntryFilter filter, HttpContext http, CancellationToken cancellationToken)
    {
        var limit = filter.Limit ?? DefaultLimit;
        var rows = new List<EntryResponse>(limit + 1);
        var query = OwnNewest.GetValue(db.Model, _ => CompileOwnNewest());
        await foreach (var row in query(db, sub, limit + 1).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows.TrimToPage(limit, http);
    }

    /// <summary>One page, newest day first; adds <c>Link: &lt;…&gt;; rel="next"</c> when there is more.</summary>
    public static async Task<List<EntryResponse>> PageAsync(this IQueryable<TimesheetEntry> query, EntryFilter filter, HttpContext http, CancellationToken cancellationToken)
    {
        var limit = filter.Limit ?? DefaultLimit;
        // Computed here, not in the query: EF evaluates a captured variable cheaply, an expression over it not.
        var take = limit + 1;
        var rows = await query.AsNoTracking()
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id)
            .Take(take).Select(EntryMapping.Projection).ToListAsync(cancellationToken);
        return rows.TrimToPage(limit, http);
    }

    /// <summary>Drops the extra row fetched to learn whether there is more, and links the next page then.</summary>
    private static List<EntryResponse> TrimToPage(this List<EntryResponse> rows, int limit, HttpContext http)
    {
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
