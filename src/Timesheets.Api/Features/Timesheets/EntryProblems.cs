using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Timesheets.Api.Features.Timesheets;

internal static class EntryProblems
{
    public static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"There is no entry {id} of yours." });

    public static ProblemHttpResult Locked(long id) =>
        TypedResults.Problem(new ProblemDetails { Status = 409, Title = "Entry is approved", Detail = $"Entry {id} is approved and can no longer change." });

    public static ProblemHttpResult Stale() =>
        TypedResults.Problem(statusCode: 412, title: "Precondition failed",
            detail: "The entry changed since you read it; fetch it again and retry with its new ETag.");

    /// <summary><c>If-Match</c> absent, <c>*</c>, or naming the entry's current ETag (weak or strong).</summary>
    public static bool IfMatchHolds(HttpContext http, TimesheetEntry entry)
    {
        var header = http.Request.Headers.IfMatch;
        return header.Count == 0 || EntityTags.Lists(header, entry.ETag);
    }
}
