namespace Timesheets.Contracts;

/// <summary>A role as the Management API shows it (Auth0's shape).</summary>
public sealed record ManagementRole(string Id, string Name, string Description);

/// <summary>Creates a role (name required) or changes one (only the fields present change).</summary>
public sealed record RoleRequest
{
    public string? Name { get; init; }

    public string? Description { get; init; }
}

/// <summary>A permission of a role, with the API it belongs to (Auth0's shape).</summary>
public sealed record ManagementRolePermission(string PermissionName, string ResourceServerIdentifier, string ResourceServerName, string Description);

/// <summary>Names one permission of one API.</summary>
public sealed record PermissionReference
{
    public required string PermissionName { get; init; }

    public required string ResourceServerIdentifier { get; init; }
}

/// <summary>Permissions to add to or remove from a role (<c>/api/v2/roles/{id}/permissions</c>).</summary>
public sealed record RolePermissionsRequest
{
    public required IReadOnlyList<PermissionReference> Permissions { get; init; }
}

/// <summary>A member of a role (<c>GET /api/v2/roles/{id}/users</c>), as Auth0 lists them.</summary>
public sealed record ManagementRoleMember(string UserId, string? Email, string Name, string? Picture);
