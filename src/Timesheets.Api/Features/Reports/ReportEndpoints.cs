using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Reports;

/// <summary>Hours summed by day, ISO week, project or user: the caller's own, or everyone's with <c>approve:timesheets</c>.</summary>
internal static class ReportEndpoints
{
    private static readonly string[] Groupings = ["day", "week", "project", "user"];

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/summary", SummaryAsync).WithTags("Reports").RequireAuthorization(ApiScopes.Read)
            .ProducesValidationProblem().Produces(200, contentType: "text/csv")
            .WithSummary("Hours grouped by day, week, project or user (JSON, or CSV with format=csv or Accept: text/csv)");
        return app;
    }

    internal static async Task<Results<Ok<SummaryResponse>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SummaryAsync(
        [FromServices] Caller caller, ReadDatabase reads, HttpContext http, CancellationToken cancellationToken,
        [FromQuery(Name = "group_by")] string groupBy = "day", DateOnly? from = null, DateOnly? to = null,
        string scope = "own", string? status = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Groupings.Contains(groupBy))
        {
            errors["group_by"] = ["group_by is day, week, project or user."];
        }

        if (from is null || to is null || from > to || to.Value.DayNumber - from.Value.DayNumber > 3660)
        {
            errors["from"] = ["from and to are required (YYYY-MM-DD), from ≤ to, at most ten years apart."];
        }

        if (scope is not ("own" or "team"))
        {
            errors["scope"] = ["scope is own or team."];
        }

        EntryStatus? statusFilter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<EntryStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                errors["status"] = ["The status is pending, approved or rejected."];
            }

            statusFilter = parsed;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (scope == "team" && !caller.Has(ApiScopes.Approve))
        {
            return InsufficientScope.Problem(http, ApiScopes.Approve, "Team reports need the approve:timesheets scope.");
        }

        var query = reads.Context.Entries.Where(e => e.Date >= from!.Value && e.Date <= to!.Value);
        query = scope == "own" ? query.Where(e => e.OwnerSub == caller.Sub) : query;
        query = statusFilter is { } s ? query.Where(e => e.Status == s) : query;
        var rows = await GroupAsync(query, groupBy, cancellationToken);
        var report = new SummaryResponse(groupBy, from!.Value, to!.Value, scope, rows.Sum(r => r.Hours), rows);
        var wantsCsv = format == "csv" || (format is null && http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        return wantsCsv
            ? TypedResults.File(SummaryCsv.Write(report.GroupBy, report.Rows), "text/csv; charset=utf-8", $"summary-{groupBy}-{from:yyyyMMdd}-{to:yyyyMMdd}.csv")
            : TypedResults.Ok(report);
    }

    private static async Task<List<SummaryRow>> GroupAsync(IQueryable<TimesheetEntry> query, string groupBy, CancellationToken cancellationToken)
    {
        switch (groupBy)
        {
            case "project":
                var byProject = await query.GroupBy(e => e.Project!.Name).Select(g => new { g.Key, Sum = g.Sum(e => e.Centihours), Count = g.Count() }).ToListAsync(cancellationToken);
                return byProject.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new SummaryRow(r.Key, r.Sum / 100m, r.Count)).ToList();
            case "user":
                var byUser = await query.GroupBy(e => e.OwnerEmail).Select(g => new { g.Key, Sum = g.Sum(e => e.Centihours), Count = g.Count() }).ToListAsync(cancellationToken);
                return byUser.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new SummaryRow(r.Key, r.Sum / 100m, r.Count)).ToList();
            default:
                // Weeks are folded from days here: week arithmetic differs between SQLite and PostgreSQL.
                var byDay = await query.GroupBy(e => e.Date).Select(g => new { g.Key, Sum = g.Sum(e => e.Centihours), Count = g.Count() }).ToListAsync(cancellationToken);
                return byDay.GroupBy(r => groupBy == "week" ? WeekKey(r.Key) : r.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new SummaryRow(g.Key, g.Sum(r => r.Sum) / 100m, g.Sum(r => r.Count))).ToList();
        }
    }

    /// <summary>ISO 8601 week, e.g. <c>2026-W48</c>.</summary>
    private static string WeekKey(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dateTime)}-W{ISOWeek.GetWeekOfYear(dateTime):00}";
    }
}
