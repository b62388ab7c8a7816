namespace Timesheets.Identity.Management.Roles;

/// <summary>
/// Roles in the Management API, at Auth0's paths with Auth0's scopes: list, create, read, rename,
/// delete, their permissions and their members. All work is in <see cref="RoleAdmin"/>.
/// </summary>
internal static class RolesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var roles = api.MapGroup("/roles").WithTags("Roles").AddEndpointFilter<ReadableRouteText>();
        roles.MapGet("", ListAsync).RequiresScope(ManagementScopes.ReadRoles);
        roles.MapPost("", CreateAsync).RequiresScope(ManagementScopes.CreateRoles);
        roles.MapGet("/{id}", GetAsync).RequiresScope(ManagementScopes.ReadRoles);
        roles.MapPatch("/{id}", UpdateAsync).RequiresScope(ManagementScopes.UpdateRoles);
        roles.MapDelete("/{id}", DeleteAsync).RequiresScope(ManagementScopes.DeleteRoles);
        roles.MapGet("/{id}/permissions", PermissionsAsync).RequiresScope(ManagementScopes.ReadRoles);
        roles.MapPost("/{id}/permissions", AddPermissionsAsync).RequiresScope(ManagementScopes.UpdateRoles);
        roles.MapDelete("/{id}/permissions", RemovePermissionsAsync).RequiresScope(ManagementScopes.UpdateRoles);
        roles.MapGet("/{id}/users", MembersAsync).RequiresScope(ManagementScopes.ReadRoles);
    }

    private static async Task<IResult> ListAsync(RoleAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAsync(cancellationToken));

    private static async Task<IResult> CreateAsync(RoleAdmin admin, RoleRequest request, CancellationToken cancellationToken) =>
        (await admin.CreateAsync(request, cancellationToken)).ToHttp(role => TypedResults.Created($"/api/v2/roles/{role.Id}", role));

    private static async Task<IResult> GetAsync(RoleAdmin admin, string id, CancellationToken cancellationToken) =>
        (await admin.GetAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> UpdateAsync(RoleAdmin admin, string id, RoleRequest request, CancellationToken cancellationToken) =>
        (await admin.UpdateAsync(id, request, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> DeleteAsync(RoleAdmin admin, string id, CancellationToken cancellationToken) =>
        (await admin.DeleteAsync(id, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<IResult> PermissionsAsync(RoleAdmin admin, string id, CancellationToken cancellationToken) =>
        (await admin.PermissionsAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> AddPermissionsAsync(RoleAdmin admin, string id, RolePermissionsRequest request, CancellationToken cancellationToken) =>
        (await admin.AddPermissionsAsync(id, request.Permissions, cancellationToken)).ToHttp(_ => TypedResults.Created());

    private static async Task<IResult> RemovePermissionsAsync(RoleAdmin admin, string id, [Microsoft.AspNetCore.Mvc.FromBody] RolePermissionsRequest request, CancellationToken cancellationToken) =>
        (await admin.RemovePermissionsAsync(id, request.Permissions, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<IResult> MembersAsync(RoleAdmin admin, string id, CancellationToken cancellationToken) =>
        (await admin.MembersAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);
}
