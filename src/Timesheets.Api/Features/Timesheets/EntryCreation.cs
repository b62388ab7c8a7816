using System.Security.Cryptography;
using System.Text.Json;
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
using Timesheets.ServiceDefaults.Resilience;

namespace Timesheets.Api.Features.Timesheets;

/// <summary><c>POST /timesheets</c>, with <c>Idempotency-Key</c> so a retried request never creates a second entry.</summary>
internal static class EntryCreation
{
    public const string IdempotencyHeader = "Idempotency-Key";

    internal static async Task<Results<Created<EntryResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        EntryRequest request, [FromServices] Caller caller, ApiDataContext db, ProjectCatalog projects, IOptions<EntrySettings> settings, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > IdempotencyRecordConfiguration.KeyLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IdempotencyHeader] = ["The key is at most 200 characters."] });
        }

        // Only a keyed request is ever compared with an earlier one. On PostgreSQL the earlier request is looked
        // up in the same round trip as the day's lock (PostgresDayLock); SQLite (in process) looks it up first.
        var hash = key.Length > 0 ? Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request))) : "";
        var lookUpUnderLock = key.Length > 0 && db.Database.IsNpgsql();
        if (key.Length > 0 && !lookUpUnderLock && await ReplayAsync(db, caller, key, hash, http, cancellationToken) is { } replay)
        {
            return replay;
        }

        var draft = new EntryDraft(request.Date, request.Project, request.Hours, request.Notes);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = EntryRules.CheckShape(draft, settings.Value, DateOnly.FromDateTime(now));
        var project = errors.Count == 0 ? await EntryRules.FindActiveProjectAsync(projects, db, draft.Project!, errors, cancellationToken) : null;
        var ownerEmail = caller.Email ?? caller.Sub;
        if (errors.Count > 0)
        {
            // A retry is answered as the first request was, even if its project has been archived since.
            return lookUpUnderLock && await ReplayAsync(db, caller, key, hash, http, cancellationToken) is { } earlier
                ? earlier
                : TypedResults.ValidationProblem(errors);
        }

        // The day total is checked and the entry stored in one transaction, so parallel posts cannot pass 24 h together.
        // One unit for the retrying strategy: a transient failure before the commit runs it again from the start.
        return await db.RetryingAsync<Results<Created<EntryResponse>, ValidationProblem, ProblemHttpResult>>(async ct =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(ct);
            var (reservedId, earlier) = await EntryRules.CheckDayTotalAsync(db, ownerEmail, draft.Date!.Value, EntryShape.ToCentihours(draft.Hours!.Value),
                exceptId: null, reserveId: true, lookUpUnderLock ? new IdempotencyKey(caller.Sub, key) : null, errors, ct);
            if (earlier is not null)
            {
                await transaction.RollbackAsync(ct);
                return await ReplayAsync(db, earlier, hash, http, ct);
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }

            var entry = new TimesheetEntry
            {
                OwnerSub = caller.Sub,
                OwnerEmail = ownerEmail,
                Date = draft.Date!.Value,
                ProjectId = project!.Id,
                Centihours = EntryShape.ToCentihours(draft.Hours!.Value),
                Notes = draft.Notes,
                Status = EntryStatus.Pending,
                Source = EntrySource.App,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            try
            {
                if (reservedId is { } id)
                {
                    // PostgreSQL: the id is known before the insert, so the entry and its records are one save (one round trip).
                    entry.Id = id;
                    db.Entries.Add(entry);
                }
                else
                {
                    // SQLite (in process): the records need the generated id, hence a save before them.
                    db.Entries.Add(entry);
                    await db.SaveChangesAsync(ct);
                }

                if (key.Length > 0)
                {
                    db.IdempotencyKeys.Add(new IdempotencyRecord { OwnerSub = caller.Sub, Key = key, RequestHash = hash, EntryId = entry.Id, CreatedAt = now });
                }

                db.RecordChange(entry, now);
                db.Audit(caller, now, AuditActions.Create, "timesheet", entry.Id, null, entry.ToResponse(project.Name));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (key.Length > 0 && !DatabaseOutage.Is(e))
            {
                // The same key raced in from a parallel retry and won: answer as that request did.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await ReplayAsync(db, caller, key, hash, http, ct)
                    ?? TypedResults.Problem(new ProblemDetails { Status = 409, Detail = "A request with this Idempotency-Key is in progress; retry." });
            }

            http.Response.Headers.ETag = entry.ETag;
            return TypedResults.Created($"/timesheets/{entry.Id}", entry.ToResponse(project.Name));
        }, cancellationToken);
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        ApiDataContext db, Caller caller, string key, string hash, HttpContext http, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyKeys.AsNoTracking().Where(r => r.OwnerSub == caller.Sub && r.Key == key)
            .Select(r => new EarlierRequest(r.RequestHash, r.EntryId)).FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : await ReplayAsync(db, record, hash, http, cancellationToken);
    }

    /// <summary>The answer to a request whose key an earlier request stored: that request's entry, or why not.</summary>
    private static async Task<Results<Created<EntryResponse>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        ApiDataContext db, EarlierRequest record, string hash, HttpContext http, CancellationToken cancellationToken)
    {
        if (record.RequestHash != hash)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = 422, Title = "Idempotency-Key reused", Detail = "This Idempotency-Key was used with a different body.",
            });
        }

        var entry = await db.Entries.Where(e => e.Id == record.EntryId).Select(EntryMapping.Projection).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return TypedResults.Problem(new ProblemDetails { Status = 409, Detail = "The entry created with this Idempotency-Key has since been deleted." });
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        http.Response.Headers.ETag = entry.Etag;
        return TypedResults.Created($"/timesheets/{entry.Id}", entry);
    }
}
