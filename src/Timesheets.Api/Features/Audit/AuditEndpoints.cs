using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;

namespace Timesheets.Api.Features.Audit;

/// <summary>The audit trail (<c>read:audit</c>): newest first, filtered by entity, paged by <c>before_id</c>.</summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", ListAsync).WithTags("Audit").RequireAuthorization(ApiScopes.ReadAudit).WithSummary("Who changed what, when");
        return app;
    }

    internal static async Task<Results<Ok<List<AuditEventResponse>>, ValidationProblem>> ListAsync(ApiDataContext db, CancellationToken cancellationToken,
        [FromQuery(Name = "entity_type")] string? entityType = null, [FromQuery(Name = "entity_id")] string? entityId = null,
        [FromQuery(Name = "before_id")] long? beforeId = null, int? limit = null)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["The limit is between 1 and 1000."] });
        }

        var query = db.AuditEvents.AsNoTracking();
        query = entityType is null ? query : query.Where(a => a.EntityType == entityType);
        query = entityId is null ? query : query.Where(a => a.EntityId == entityId);
        query = beforeId is null ? query : query.Where(a => a.Id < beforeId);
        var events = await query.OrderByDescending(a => a.Id).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok(events.ConvertAll(a => new AuditEventResponse(a.Id, EntryMapping.Utc(a.At), a.ActorSub, a.ActorEmail, a.Action,
            a.EntityType, a.EntityId, a.Before, a.After)));
    }
}
