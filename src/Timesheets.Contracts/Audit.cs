namespace Timesheets.Contracts;

public sealed record AuditEventResponse(long Id, DateTimeOffset At, string ActorSub, string? ActorEmail, string Action,
    string EntityType, string EntityId, string? Before, string? After);
