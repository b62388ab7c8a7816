using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Approvals;

internal static class ApprovalBulk
{
    /// <summary>All the entries change, or none: one refused id (unknown, own, not pending) refuses the whole request.</summary>
    internal static async Task<Results<Ok<List<EntryResponse>>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        BulkReviewRequest request, [FromServices] Caller caller, ApiDataContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Action is not ("approve" or "reject"))
        {
            errors["action"] = ["The action is approve or reject."];
        }
        else if (request.Action == "reject" && EntryShape.ReasonErrors(request.Reason) is { } reasonErrors)
        {
            errors = reasonErrors;
        }

        var ids = (request.Ids ?? []).Distinct().ToList();
        if (ids.Count is 0 or > 500)
        {
            errors["ids"] = ["Name between 1 and 500 entry ids."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var entries = await db.Entries.Include(e => e.Project).Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var refusals = ids.Select(id => (Id: id, Refusal: Review.Check(entries.GetValueOrDefault(id), caller)))
            .Where(r => r.Refusal != ReviewRefusal.None).ToList();
        if (refusals.Count > 0)
        {
            return ApprovalProblems.NothingReviewed(refusals);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reason = request.Action == "reject" ? request.Reason!.Trim() : null;
        foreach (var id in ids)
        {
            Review.Apply(db, entries[id], caller, reason, now);
        }

        try
        {
            // One SaveChanges is one transaction: every entry or none.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApprovalProblems.BulkChangedMeanwhile();
        }

        return TypedResults.Ok(ids.ConvertAll(id => entries[id].ToResponse()));
    }
}
