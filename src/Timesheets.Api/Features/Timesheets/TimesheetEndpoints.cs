using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Audit;
using Timesheets.Api.Features.Projects;
using Timesheets.Api.Features.Sync;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>The caller's own entries: list, create, read, edit, delete.</summary>
internal static class TimesheetEndpoints
{
    public static IEndpointRouteBuilder MapTimesheets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/timesheets").WithTags("Timesheets").RequireAuthorization();
        group.MapGet("/", ListAsync).RequireAuthorization(ApiScopes.Read)
            .WithSummary("The caller's entries, newest first")
            .WithDescription("Without filters or cursor (the first page), the answer carries an ETag; send it back in If-None-Match to get 304 when nothing changed.")
            .Produces(StatusCodes.Status304NotModified).ProducesValidationProblem();
        group.MapPost("/", EntryCreation.CreateAsync).RequireAuthorization(ApiScopes.Create).WithSummary("Log an entry (Idempotency-Key honoured)").ProducesValidationProblem().ProducesProblem(409).ProducesProblem(413).ProducesProblem(422);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(ApiScopes.Read).WithSummary("One of the caller's entries").ProducesProblem(404);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(ApiScopes.Create).WithSummary("Edit a pending or rejected entry (If-Match honoured)").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(ApiScopes.Delete).WithSummary("Delete an unapproved entry").ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        return app;
    }

    internal static async Task<Results<Ok<List<EntryResponse>>, CachedPage, ValidationProblem>> ListAsync(
        [AsParameters] EntryFilter filter, [FromServices] Caller caller, ApiDataContext db, IOptions<EntrySettings> settings, NewestPageCache pages,
        HttpContext http, CancellationToken cancellationToken)
    {
        // The first page, what the app opens on, from memory while no write has touched it. Only a
        // request that passed the checks below was ever kept, so a hit needs no checks.
        var key = filter.IsUnfiltered() ? NewestPageCache.KeyOf(caller.Sub, http.Request) : null;
        var lookup = key is null ? default : await pages.LookUpAsync(caller.Sub, key, db, cancellationToken);
        if (lookup.Page is { } cached)
        {
            return cached;
        }

        var errors = new Dictionary<string, string[]>();
        var query = db.Entries.Where(e => e.OwnerSub == caller.Sub).Filter(filter, settings.Value.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (key is null)
        {
            return TypedResults.Ok(await query.PageAsync(filter, http, cancellationToken));
        }

        var page = await db.OwnNewestPageAsync(caller.Sub, filter, http, cancellationToken);
        return pages.Store(caller.Sub, key, lookup, page, http.Response.Headers.Link.FirstOrDefault());
    }

    internal static async Task<Results<Ok<EntryResponse>, ProblemHttpResult>> GetAsync(
        long id, [FromServices] Caller caller, ApiDataContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var entry = await db.Entries.Where(e => e.Id == id && e.OwnerSub == caller.Sub).Select(EntryMapping.Projection).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return EntryProblems.NotFound(id);
        }

        http.Response.Headers.ETag = entry.Etag;
        return TypedResults.Ok(entry);
    }

    internal static async Task<Results<Ok<EntryResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, EntryRequest request, [FromServices] Caller caller, ApiDataContext db, ProjectCatalog projects, IOptions<EntrySettings> settings, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var (entry, problem) = await FindChangeableAsync(id, caller, db, http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var draft = new EntryDraft(request.Date, request.Project, request.Hours, request.Notes);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = EntryRules.CheckShape(draft, settings.Value, DateOnly.FromDateTime(now));
        var project = errors.Count == 0 ? await EntryRules.FindActiveProjectAsync(projects, db, draft.Project!, errors, cancellationToken) : null;
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        if (errors.Count == 0)
        {
            _ = await EntryRules.CheckDayTotalAsync(db, entry.OwnerEmail, draft.Date!.Value, EntryShape.ToCentihours(draft.Hours!.Value),
                exceptId: entry.Id, reserveId: false, idempotency: null, errors, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var before = entry.ToResponse();
        entry.Date = draft.Date!.Value;
        entry.ProjectId = project!.Id;
        entry.Centihours = EntryShape.ToCentihours(draft.Hours!.Value);
        entry.Notes = draft.Notes;
        // An edit is a resubmission: it goes back to the approver with a clean slate.
        entry.Status = EntryStatus.Pending;
        entry.ReviewedAt = null;
        entry.ReviewedBy = null;
        entry.RejectionReason = null;
        entry.UpdatedAt = now;
        entry.Version++;
        db.RecordChange(entry, now);
        db.Audit(caller, now, AuditActions.Update, "timesheet", entry.Id, before, entry.ToResponse(project.Name));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntryProblems.Stale();
        }

        http.Response.Headers.ETag = entry.ETag;
        return TypedResults.Ok(entry.ToResponse(project.Name));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, [FromServices] Caller caller, ApiDataContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (entry, problem) = await FindChangeableAsync(id, caller, db, http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        db.Entries.Remove(entry);
        var now = clock.GetUtcNow().UtcDateTime;
        db.RecordChange(entry, now, deleted: true);
        db.Audit(caller, now, AuditActions.Delete, "timesheet", entry.Id, entry.ToResponse(), null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntryProblems.Stale();
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// The caller's own entry that may still change: someone else's is 404, not 403 (its existence
    /// is none of the caller's business), a stale If-Match is 412, an approved entry is 409.
    /// </summary>
    private static async Task<(TimesheetEntry Entry, ProblemHttpResult? Problem)> FindChangeableAsync(
        long id, Caller caller, ApiDataContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var entry = await db.Entries.Include(e => e.Project).FirstOrDefaultAsync(e => e.Id == id && e.OwnerSub == caller.Sub, cancellationToken);
        if (entry is null)
        {
            return (null!, EntryProblems.NotFound(id));
        }

        if (!EntryProblems.IfMatchHolds(http, entry))
        {
            return (entry, EntryProblems.Stale());
        }

        return entry.Status == EntryStatus.Approved ? (entry, EntryProblems.Locked(id)) : (entry, null);
    }
}
