using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Management.Users;

/// <summary>
/// Users in the Management API, at Auth0's paths with Auth0's scopes: list and search, read, look up
/// by e-mail (the Timesheets API resolves upload e-mails here), invite, update, block, unlock, reset
/// password and second factor, delete, and role membership. All work is in <see cref="UserAdmin"/>.
/// </summary>
internal static class UsersEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var root = api.MapGroup("").WithTags("Users").AddEndpointFilter<ReadableRouteText>();
        root.MapGet("/users-by-email", ByEmailAsync).RequiresScope(ManagementScopes.ReadUsers);
        root.MapPost("/tickets/password-change", PasswordTicketAsync).RequiresScope(ManagementScopes.CreateUserTickets);
        root.MapDelete("/user-blocks/{id}", UnlockAsync).RequiresScope(ManagementScopes.UpdateUsers);

        var users = root.MapGroup("/users");
        users.MapGet("", ListAsync).RequiresScope(ManagementScopes.ReadUsers);
        users.MapPost("", InviteAsync).RequiresScope(ManagementScopes.CreateUsers);
        users.MapGet("/{id}", GetAsync).RequiresScope(ManagementScopes.ReadUsers);
        users.MapPatch("/{id}", UpdateAsync).RequiresScope(ManagementScopes.UpdateUsers);
        users.MapDelete("/{id}", DeleteAsync).RequiresScope(ManagementScopes.DeleteUsers);
        users.MapGet("/{id}/roles", RolesAsync).RequiresScope(ManagementScopes.ReadUsers);
        users.MapPost("/{id}/roles", AddRolesAsync).RequiresScope(ManagementScopes.CreateRoleMembers);
        users.MapDelete("/{id}/roles", RemoveRolesAsync).RequiresScope(ManagementScopes.DeleteRoleMembers);
        users.MapDelete("/{id}/authenticators", ResetSecondFactorAsync).RequiresScope(ManagementScopes.DeleteGuardianEnrollments);
    }

    /// <summary><c>include_totals=true</c>: Auth0's page object; otherwise the page's users as a JSON array.</summary>
    private static async Task<IResult> ListAsync(UserAdmin admin, string? q, int? page,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] int? perPage,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "include_totals")] bool? includeTotals, CancellationToken cancellationToken) =>
        (await admin.ListAsync(q, page ?? 0, perPage ?? UserAdmin.DefaultPerPage, cancellationToken))
            .ToHttp(found => includeTotals == true ? TypedResults.Ok(found) : TypedResults.Ok(found.Users));

    private static async Task<IResult> GetAsync(UserAdmin admin, string id, CancellationToken cancellationToken) =>
        (await admin.GetAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> ByEmailAsync(UserAdmin admin, string? email, CancellationToken cancellationToken) =>
        (await admin.ByEmailAsync(email, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> InviteAsync(UserAdmin admin, CreateUserRequest request, CancellationToken cancellationToken) =>
        (await admin.InviteAsync(request, cancellationToken)).ToHttp(user => TypedResults.Created($"/api/v2/users/{Uri.EscapeDataString(user.UserId)}", user));

    private static async Task<IResult> UpdateAsync(UserAdmin admin, string id, UpdateUserRequest request, CancellationToken cancellationToken) =>
        (await admin.UpdateAsync(id, request, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> DeleteAsync(UserAdmin admin, string id, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        (await admin.DeleteAsync(id, caller.FindFirstValue(Claims.Subject), cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<IResult> PasswordTicketAsync(UserAdmin admin, PasswordChangeTicketRequest request, CancellationToken cancellationToken) =>
        (await admin.PasswordTicketAsync(request.UserId, cancellationToken)).ToHttp(ticket => TypedResults.Created((string?)null, ticket));

    private static async Task<IResult> UnlockAsync(UserAdmin admin, string id, CancellationToken cancellationToken) =>
        (await admin.UnlockAsync(id, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<IResult> RolesAsync(UserAdmin admin, string id, CancellationToken cancellationToken) =>
        (await admin.RolesAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> AddRolesAsync(UserAdmin admin, string id, UserRolesRequest request, CancellationToken cancellationToken) =>
        (await admin.AddRolesAsync(id, request.Roles, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<IResult> RemoveRolesAsync(UserAdmin admin, string id, [Microsoft.AspNetCore.Mvc.FromBody] UserRolesRequest request, CancellationToken cancellationToken) =>
        (await admin.RemoveRolesAsync(id, request.Roles, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<IResult> ResetSecondFactorAsync(UserAdmin admin, string id, CancellationToken cancellationToken) =>
        (await admin.ResetSecondFactorAsync(id, cancellationToken)).ToHttp(_ => TypedResults.NoContent());
}
