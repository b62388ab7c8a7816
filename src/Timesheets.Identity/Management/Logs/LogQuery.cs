using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Management.Logs;

/// <summary>
/// Reads the log for <c>GET /api/v2/logs</c> and the admin log page: newest first, filtered by type,
/// user, client, dates and free text, a page at a time (at most <see cref="MaxPerPage"/>).
/// </summary>
internal sealed class LogQuery(IdentityDataContext db)
{
    public const int MaxPerPage = 100;
    public const int DefaultPerPage = 50;

    public async Task<AdminResult<LogPage>> SearchAsync(LogFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Check() is { } problem)
        {
            return problem;
        }

        var query = db.Logs.AsNoTracking();
        foreach (var (field, value) in filter.Terms())
        {
            query = field switch
            {
                "type" => query.Where(e => e.Type == value),
                "user_id" => query.Where(e => e.ActorId == value || (e.TargetType == "user" && e.TargetId == value)),
                "client_id" => query.Where(e => e.ClientId == value),
                "ip" => query.Where(e => e.Ip == value),
                "target_id" => query.Where(e => e.TargetId == value),
                _ => Containing(query, value),
            };
        }

        if (filter.FromMilliseconds is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.ToMilliseconds is { } to)
        {
            query = query.Where(e => e.At < to);
        }

        var perPage = filter.PerPage ?? DefaultPerPage;
        var page = filter.Page ?? 0;
        var total = filter.IncludeTotals ? await query.CountAsync(cancellationToken) : 0;
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(page * perPage).Take(perPage).ToListAsync(cancellationToken);
        return AdminResult<LogPage>.Success(new LogPage(page * perPage, perPage, rows.Count, total, [.. rows.Select(ToResponse)]));
    }

    public async Task<AdminResult<LogResponse>> GetAsync(string id, CancellationToken cancellationToken) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) &&
        await db.Logs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == key, cancellationToken) is { } entry
            ? AdminResult<LogResponse>.Success(ToResponse(entry))
            : AdminError.NotFound("log entry");

    /// <summary>Case-insensitive text in the description or the actor's name; lower-cased in SQL on both databases.</summary>
    private static IQueryable<LogEvent> Containing(IQueryable<LogEvent> query, string text)
    {
        // LIKE with the user's wildcards escaped; lower-cased on both sides, since PostgreSQL's LIKE is case-sensitive.
        var pattern = "%" + text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return query.Where(e => EF.Functions.Like(e.Description.ToLower(), pattern, "\\") ||
            (e.ActorName != null && EF.Functions.Like(e.ActorName.ToLower(), pattern, "\\")));
    }

    public static LogResponse ToResponse(LogEvent entry) => new()
    {
        LogId = entry.Id.ToString(CultureInfo.InvariantCulture),
        Date = DateTimeOffset.FromUnixTimeMilliseconds(entry.At),
        Type = entry.Type,
        Description = entry.Description,
        UserId = entry.ActorId,
        UserName = entry.ActorName,
        ClientId = entry.ClientId,
        Ip = entry.Ip,
        TargetType = entry.TargetType,
        TargetId = entry.TargetId,
        Details = entry.Before is null && entry.After is null ? null : new LogDetails(Parse(entry.Before), Parse(entry.After)),
    };

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
