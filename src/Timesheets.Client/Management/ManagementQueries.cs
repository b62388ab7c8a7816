namespace Timesheets.Client.Management;

/// <summary>A page of a Management API list: 0-based <see cref="Page"/>, <see cref="PerPage"/> items (the server's default when null).</summary>
public sealed record PageQuery
{
    public int? Page { get; init; }

    public int? PerPage { get; init; }
}

/// <summary>Which users to list (<c>GET /api/v2/users</c>).</summary>
public sealed record UserQuery
{
    /// <summary>Part of an email or a name.</summary>
    public string? Search { get; init; }

    public PageQuery Paging { get; init; } = new();
}

/// <summary>Which log events to list (<c>GET /api/v2/logs</c>), newest first.</summary>
public sealed record LogQuery
{
    /// <summary>An event type: Auth0's code (<c>s</c> login, <c>f</c> failed login, <c>sapi</c> Management API change, …).</summary>
    public string? Type { get; init; }

    /// <summary>Words searched in the description and the actor's name, or Auth0's <c>field:value</c> terms.</summary>
    public string? Search { get; init; }

    /// <summary>Events of this user (as actor or target).</summary>
    public string? UserId { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public PageQuery Paging { get; init; } = new();
}
