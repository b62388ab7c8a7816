using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;
using Timesheets.Api.Data;
using Timesheets.Api.Features.People;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Approvals;

/// <summary>Approving and rejecting other people's pending entries (<c>approve:timesheets</c>).</summary>
internal static class ApprovalEndpoints
{
    public static IEndpointRouteBuilder MapApprovals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/approvals").WithTags("Approvals").RequireAuthorization(ApiScopes.Approve);
        group.MapGet("/", ListAsync).WithSummary("Pending entries of other people")
            .WithDescription("With People:Enabled, entries of users the issuer no longer has (deleted) are left out: a page may then hold fewer "
                + "entries than the limit while its Link header still leads to the next.")
            .ProducesValidationProblem();
        group.MapPut("/{id:long}", ApproveAsync).WithSummary("Approve an entry (body optional)").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id:long}/reject", RejectAsync).WithSummary("Reject an entry with a reason").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/bulk", ApprovalBulk.ReviewAsync).WithSummary("Approve or reject many entries in one transaction").ProducesValidationProblem().ProducesProblem(409);
        return app;
    }

    internal static async Task<Results<Ok<List<EntryResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] EntryFilter filter, [FromServices] Caller caller, ApiDataContext db, PeopleLookup people, IOptions<EntrySettings> settings,
        HttpContext http, ILogger<PeopleLookup> logger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = db.Entries.Where(e => e.OwnerSub != caller.Sub && e.OwnerEmail != caller.Email);
        query = (filter.Status is null ? query.Where(e => e.Status == EntryStatus.Pending) : query).Filter(filter, settings.Value.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The page is cut (and its Link made) before owners are checked, so paging goes on past a page of gone owners.
        var page = await query.PageAsync(filter, http, cancellationToken);
        return TypedResults.Ok(await people.WithoutGoneOwnersAsync(page, logger, cancellationToken));
    }

    internal static Task<Results<Ok<EntryResponse>, ProblemHttpResult, ValidationProblem>> ApproveAsync(
        long id, [FromServices] Caller caller, ApiDataContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        ReviewOneAsync(id, null, caller, db, clock, http, cancellationToken);

    internal static async Task<Results<Ok<EntryResponse>, ProblemHttpResult, ValidationProblem>> RejectAsync(
        long id, RejectRequest request, [FromServices] Caller caller, ApiDataContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (EntryShape.ReasonErrors(request.Reason) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await ReviewOneAsync(id, request.Reason!.Trim(), caller, db, clock, http, cancellationToken);
    }

    private static async Task<Results<Ok<EntryResponse>, ProblemHttpResult, ValidationProblem>> ReviewOneAsync(
        long id, string? rejectionReason, Caller caller, ApiDataContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var entry = await db.Entries.Include(e => e.Project).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (ApprovalProblems.Refused(id, Review.Check(entry, caller), entry) is { } refused)
        {
            return refused;
        }

        if (!EntryProblems.IfMatchHolds(http, entry!))
        {
            return EntryProblems.Stale();
        }

        Review.Apply(db, entry!, caller, rejectionReason, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApprovalProblems.ChangedMeanwhile(id);
        }

        http.Response.Headers.ETag = entry!.ETag;
        return TypedResults.Ok(entry.ToResponse());
    }
}
