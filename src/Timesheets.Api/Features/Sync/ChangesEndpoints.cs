using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Sync;

/// <summary>One changed entry: the entry as it is now, or a tombstone (<c>deleted: true</c>, no entry).</summary>
public sealed record ChangeResponse(long Id, bool Deleted, EntryResponse? Entry);

/// <summary>A page of the changes feed; pass <c>cursor</c> back as <c>since</c> for the next one.</summary>
public sealed record ChangesPage(IReadOnlyList<ChangeResponse> Changes, string Cursor, bool HasMore);

internal static class ChangesEndpoints
{
    public const int DefaultLimit = 500;

    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/timesheets/changes", GetAsync).WithTags("Sync").RequireAuthorization(ApiScopes.Read)
            .WithSummary("The caller's entries changed or deleted since a cursor (offline sync)").ProducesValidationProblem();
        return app;
    }

    internal static async Task<Results<Ok<ChangesPage>, ValidationProblem>> GetAsync(
        [FromServices] Caller caller, ApiDataContext db, CancellationToken cancellationToken, string? since = null, int? limit = null)
    {
        long after = 0;
        if (since is not null && !TryDecode(since, out after))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = ["The cursor is not one this server handed out."] });
        }

        if (limit is < 1 or > 5000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["The limit is between 1 and 5000."] });
        }

        var take = limit ?? DefaultLimit;
        var rows = await db.Changes.AsNoTracking().Where(c => c.OwnerSub == caller.Sub && c.Id > after)
            .OrderBy(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > take;
        if (hasMore)
        {
            rows.RemoveAt(take);
        }

        // Several changes of one entry collapse into its latest state; a missing entry is a tombstone.
        var entryIds = rows.Select(r => r.EntryId).Distinct().ToList();
        var entries = await db.Entries.Include(e => e.Project).AsNoTracking()
            .Where(e => entryIds.Contains(e.Id) && e.OwnerSub == caller.Sub).ToDictionaryAsync(e => e.Id, cancellationToken);
        var changes = rows.GroupBy(r => r.EntryId).OrderBy(g => g.Max(r => r.Id))
            .Select(g => entries.TryGetValue(g.Key, out var entry)
                ? new ChangeResponse(g.Key, false, entry.ToResponse())
                : new ChangeResponse(g.Key, true, null))
            .ToList();
        var cursor = Encode(rows.Count > 0 ? rows[^1].Id : after);
        return TypedResults.Ok(new ChangesPage(changes, cursor, hasMore));
    }

    private static string Encode(long id) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("c|" + id.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string value, out long id)
    {
        id = 0;
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(value));
            return text.StartsWith("c|", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out id);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
