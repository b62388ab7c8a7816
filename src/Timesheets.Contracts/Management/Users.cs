using System.Text.Json.Serialization;

namespace Timesheets.Contracts;

/// <summary>
/// A user as the Management API shows it, in Auth0's shape (<c>user_id</c>, <c>blocked</c>,
/// <c>last_login</c>, <c>logins_count</c>, <c>multifactor</c>) so scripts written for Auth0 read it
/// unchanged; <c>contractor</c> is ours, top-level rather than in <c>app_metadata</c>.
/// </summary>
public sealed record ManagementUser
{
    public required string UserId { get; init; }

    public string? Email { get; init; }

    public bool EmailVerified { get; init; }

    public string Name { get; init; } = "";

    public string? Nickname { get; init; }

    public string? Picture { get; init; }

    public bool Blocked { get; init; }

    public bool Contractor { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? LastLogin { get; init; }

    public int LoginsCount { get; init; }

    /// <summary><c>["totp"]</c> when the user has a second factor, else empty (Auth0's guardian names).</summary>
    public IReadOnlyList<string> Multifactor { get; init; } = [];

    /// <summary>
    /// Only in the answer to an invitation when no SMTP server is configured: the one-time
    /// set-password link to hand to the person. Never stored, never logged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InvitationUrl { get; init; }
}

/// <summary>One page of users with totals (<c>include_totals=true</c>), as Auth0 answers it.</summary>
public sealed record ManagementUserPage(int Start, int Limit, int Length, int Total, IReadOnlyList<ManagementUser> Users);

/// <summary>An invitation (<c>POST /api/v2/users</c>): no password; the person chooses one through the link.</summary>
public sealed record CreateUserRequest
{
    public required string Email { get; init; }

    public string? Name { get; init; }

    public bool Contractor { get; init; }

    /// <summary>Role ids to assign at once.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
}

/// <summary>A profile change (<c>PATCH /api/v2/users/{id}</c>): only the fields present change.</summary>
public sealed record UpdateUserRequest
{
    public string? Name { get; init; }

    public string? Nickname { get; init; }

    public string? Picture { get; init; }

    public bool? Contractor { get; init; }

    public bool? Blocked { get; init; }

    public bool? EmailVerified { get; init; }
}

/// <summary><c>POST /api/v2/tickets/password-change</c>: a set-password link for the user.</summary>
public sealed record PasswordChangeTicketRequest
{
    public required string UserId { get; init; }
}

/// <summary>
/// The set-password link (Auth0's ticket URL); shown once, never logged. Null when the server e-mailed it
/// to the user (SMTP configured): then only the mailbox has it.
/// </summary>
public sealed record PasswordChangeTicket(string? Ticket);

/// <summary>Role ids to assign to or remove from a user (<c>/api/v2/users/{id}/roles</c>).</summary>
public sealed record UserRolesRequest
{
    public required IReadOnlyList<string> Roles { get; init; }
}
