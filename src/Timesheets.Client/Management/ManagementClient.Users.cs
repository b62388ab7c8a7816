using Timesheets.Contracts;

namespace Timesheets.Client.Management;

public sealed partial class ManagementClient
{
    /// <summary>A page of users, with the total (<c>read:users</c>); <see cref="UserQuery.Search"/> matches emails and names.</summary>
    public Task<ApiResult<ManagementUserPage>> ListUsersAsync(UserQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new UserQuery();
        return GetAsync("users" + HttpCalls.Query(("q", query.Search), ("page", Number(query.Paging.Page)),
            ("per_page", Number(query.Paging.PerPage)), ("include_totals", "true")), ManagementJson.Default.ManagementUserPage, cancellationToken);
    }

    public Task<ApiResult<ManagementUser>> GetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        GetAsync($"users/{Segment(userId)}", ManagementJson.Default.ManagementUser, cancellationToken);

    /// <summary>The users with this email (none or one): how a script turns an email into a user id.</summary>
    public Task<ApiResult<List<ManagementUser>>> FindUsersByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        GetAsync("users-by-email" + HttpCalls.Query(("email", email)), ManagementJson.Default.ListManagementUser, cancellationToken);

    /// <summary>
    /// Invites a user: no password; the answer's <see cref="ManagementUser.InvitationUrl"/> is the one-time
    /// set-password link when the server sends no mail (hand it over, never log it).
    /// </summary>
    public Task<ApiResult<ManagementUser>> InviteUserAsync(CreateUserRequest invitation, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "users", invitation, ManagementJson.Default.CreateUserRequest, ManagementJson.Default.ManagementUser, cancellationToken);

    /// <summary>Changes the fields set in <paramref name="change"/> (profile, contractor, blocked).</summary>
    public Task<ApiResult<ManagementUser>> UpdateUserAsync(string userId, UpdateUserRequest change, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"users/{Segment(userId)}", change, ManagementJson.Default.UpdateUserRequest, ManagementJson.Default.ManagementUser, cancellationToken);

    /// <summary>Blocks (no login, refresh refused at once) or unblocks a user.</summary>
    public Task<ApiResult<ManagementUser>> SetBlockedAsync(string userId, bool blocked, CancellationToken cancellationToken = default) =>
        UpdateUserAsync(userId, new UpdateUserRequest { Blocked = blocked }, cancellationToken);

    /// <summary>Ends a lockout after too many failed logins (Auth0's user blocks).</summary>
    public Task<ApiResult<Done>> UnlockUserAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"user-blocks/{Segment(userId)}", null, cancellationToken);

    public Task<ApiResult<Done>> DeleteUserAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"users/{Segment(userId)}", null, cancellationToken);

    /// <summary>A one-time set-password link for the user (Auth0's password-change ticket); mailed instead when SMTP is set up.</summary>
    public Task<ApiResult<PasswordChangeTicket>> CreatePasswordLinkAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "tickets/password-change", new PasswordChangeTicketRequest { UserId = userId },
            ManagementJson.Default.PasswordChangeTicketRequest, ManagementJson.Default.PasswordChangeTicket, cancellationToken);

    /// <summary>Removes the user's second factor: they enrol again at their next login.</summary>
    public Task<ApiResult<Done>> ResetMfaAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"users/{Segment(userId)}/authenticators", null, cancellationToken);

    public Task<ApiResult<List<ManagementRole>>> ListUserRolesAsync(string userId, CancellationToken cancellationToken = default) =>
        GetAsync($"users/{Segment(userId)}/roles", ManagementJson.Default.ListManagementRole, cancellationToken);

    /// <summary>Adds roles (by id) to a user; the change shows in the user's very next token.</summary>
    public Task<ApiResult<Done>> AssignRolesAsync(string userId, IReadOnlyList<string> roleIds, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"users/{Segment(userId)}/roles", new UserRolesRequest { Roles = roleIds }, ManagementJson.Default.UserRolesRequest, cancellationToken);

    public Task<ApiResult<Done>> RemoveRolesAsync(string userId, IReadOnlyList<string> roleIds, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"users/{Segment(userId)}/roles", new UserRolesRequest { Roles = roleIds }, ManagementJson.Default.UserRolesRequest, cancellationToken);
}
