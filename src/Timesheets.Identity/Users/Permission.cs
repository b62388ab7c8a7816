namespace Timesheets.Identity.Users;

/// <summary>A permission of an API; each one is also an OAuth scope of that API.</summary>
public sealed class Permission
{
    public required string Name { get; init; }

    /// <summary>
    /// The identifier of the API (<see cref="Management.ResourceServers.ResourceServer"/>) this
    /// permission belongs to. A permission's name is unique across APIs.
    /// </summary>
    public string Audience { get; set; } = "";

    public string Description { get; set; } = "";
}

/// <summary>Grants a permission to every member of a role (the Authorization Extension's model).</summary>
public sealed class RolePermission
{
    public required string RoleId { get; init; }

    public required string PermissionName { get; init; }
}
