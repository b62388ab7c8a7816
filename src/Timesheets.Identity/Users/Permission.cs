namespace Timesheets.Identity.Users;

/// <summary>A permission of an API; each one is also an OAuth scope of that API.</summary>
public sealed class Permission
{
    public required string Name { get; init; }

    public string Description { get; set; } = "";
}

/// <summary>Grants a permission to every member of a role (the Authorization Extension's model).</summary>
public sealed class RolePermission
{
    public required string RoleId { get; init; }

    public required string PermissionName { get; init; }
}
