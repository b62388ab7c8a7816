using Microsoft.AspNetCore.Identity;

namespace Timesheets.Identity.Users;

/// <summary>A person who logs in: an employee, contractor, manager or admin.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string? Nickname { get; set; }

    public string? PictureUrl { get; set; }

    /// <summary>Contractors are flagged on their profile, whatever their role.</summary>
    public bool IsContractor { get; set; }

    /// <summary>
    /// Created by demo seeding with the shared demo password; deleted at start when demo is off.
    /// </summary>
    public bool IsDemo { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? LastLoginAt { get; set; }

    public int LoginsCount { get; set; }
}

/// <summary>A role (Employee, Contractor, Manager, Admin); its permissions live in <see cref="RolePermission"/>.</summary>
public sealed class ApplicationRole : IdentityRole
{
    public ApplicationRole()
    {
    }

    public ApplicationRole(string name) : base(name)
    {
    }

    public string Description { get; set; } = "";
}
