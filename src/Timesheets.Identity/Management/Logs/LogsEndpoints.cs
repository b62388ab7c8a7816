using Microsoft.AspNetCore.Mvc;

namespace Timesheets.Identity.Management.Logs;

/// <summary><c>/api/v2/logs</c>: the security and administration log, newest first (Auth0's path, parameters and scope).</summary>
internal static class LogsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var logs = api.MapGroup("/logs").WithTags("Logs");
        logs.MapGet("/", SearchAsync).RequiresScope(ManagementScopes.ReadLogs);
        logs.MapGet("/{id}", GetAsync).RequiresScope(ManagementScopes.ReadLogs);
    }

    /// <summary>A plain array, or Auth0's <c>{start, limit, length, total, logs}</c> with <c>include_totals=true</c>.</summary>
    private static async Task<IResult> SearchAsync(LogQuery query, CancellationToken cancellationToken,
        string? q = null, string? type = null, [FromQuery(Name = "user_id")] string? userId = null, string? from = null, string? to = null,
        int? page = null, [FromQuery(Name = "per_page")] int? perPage = null, [FromQuery(Name = "include_totals")] bool includeTotals = false)
    {
        var result = await query.SearchAsync(new LogFilter(q, type, userId, from, to, page, perPage, includeTotals), cancellationToken);
        return result.ToHttp(p => includeTotals ? TypedResults.Ok(p) : TypedResults.Ok(p.Logs));
    }

    private static async Task<IResult> GetAsync(string id, LogQuery query, CancellationToken cancellationToken) =>
        (await query.GetAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);
}
