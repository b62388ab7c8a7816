using System.Text.Json;
using Timesheets.Api.Data;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Audit;

internal static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Upload = "upload";

    /// <summary>Uploaded entries given to their user: also the entity type of that row (its id is the first entry's).</summary>
    public const string HandOver = "handover";
    public const string ProjectCreate = "project.create";
    public const string ProjectUpdate = "project.update";
    public const string ProjectArchive = "project.archive";
}

internal static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Adds an audit event to the unit of work, so it commits (or not) with the change it describes;
    /// <paramref name="at"/> is the time the change itself carries (one request, one timestamp).
    /// </summary>
    public static void Audit(this ApiDataContext db, Caller caller, DateTime at, string action, string entityType, object entityId, object? before, object? after) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = at,
            ActorSub = caller.Sub,
            ActorEmail = caller.Email,
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
}
