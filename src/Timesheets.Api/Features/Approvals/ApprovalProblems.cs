using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Timesheets.Api.Features.Timesheets;

namespace Timesheets.Api.Features.Approvals;

/// <summary>The problems approving and rejecting answer, single and bulk (as <see cref="EntryProblems"/> for entries).</summary>
internal static class ApprovalProblems
{
    /// <summary>The problem for one entry the review rules refuse, or null when <paramref name="refusal"/> is none.</summary>
    public static ProblemHttpResult? Refused(long id, ReviewRefusal refusal, TimesheetEntry? entry) => refusal switch
    {
        ReviewRefusal.NotFound => TypedResults.Problem(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"There is no entry {id}." }),
        ReviewRefusal.Own => TypedResults.Problem(statusCode: 403, title: "Own entry", detail: "Nobody approves or rejects their own entries."),
        ReviewRefusal.NotPending => TypedResults.Problem(new ProblemDetails
        {
            Status = 409, Title = "Not pending", Detail = $"Entry {id} is {entry!.Status.ToString().ToLowerInvariant()}, not pending.",
        }),
        _ => null,
    };

    public static ProblemHttpResult ChangedMeanwhile(long id) =>
        TypedResults.Problem(new ProblemDetails { Status = 409, Title = "Changed meanwhile", Detail = $"Entry {id} changed while you reviewed it." });

    /// <summary>A bulk review refused whole, naming each refused id and why.</summary>
    public static ProblemHttpResult NothingReviewed(IEnumerable<(long Id, ReviewRefusal Refusal)> refusals)
    {
        var problem = new ProblemDetails { Status = 409, Title = "Nothing was reviewed", Detail = "Some entries cannot be reviewed; no entry was changed." };
        problem.Extensions["refused"] = refusals.Select(r => new { id = r.Id, reason = r.Refusal switch
        {
            ReviewRefusal.NotFound => "not_found",
            ReviewRefusal.Own => "own_entry",
            _ => "not_pending",
        } }).ToList();
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult BulkChangedMeanwhile() =>
        TypedResults.Problem(new ProblemDetails { Status = 409, Title = "Changed meanwhile", Detail = "Some entries changed during the review; no entry was changed." });
}
