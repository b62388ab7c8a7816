using System.Text.Json;

namespace Timesheets.Contracts;

/// <summary>
/// One entry of the log: a security event (type <c>s</c> login, <c>f</c> failed login, …, Auth0's
/// codes) or an administrative change (<c>sapi</c> through the Management API, <c>sadm</c> through the
/// admin pages) with the target before and after.
/// </summary>
public sealed record LogResponse
{
    public required string LogId { get; init; }

    public DateTimeOffset Date { get; init; }

    public required string Type { get; init; }

    public required string Description { get; init; }

    /// <summary>Who acted: a user id, or a machine client's id.</summary>
    public string? UserId { get; init; }

    public string? UserName { get; init; }

    public string? ClientId { get; init; }

    public string? Ip { get; init; }

    /// <summary><c>user</c>, <c>role</c>, <c>client</c>, <c>client_grant</c>, <c>resource_server</c>, <c>signing_key</c>.</summary>
    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    public LogDetails? Details { get; init; }
}

/// <summary>The target of a change as it was before and after (null for a creation or a deletion).</summary>
public sealed record LogDetails(JsonElement? Before, JsonElement? After);

/// <summary>A page of the log with its totals (<c>include_totals=true</c>, Auth0's shape).</summary>
public sealed record LogPage(int Start, int Limit, int Length, int Total, IReadOnlyList<LogResponse> Logs);
