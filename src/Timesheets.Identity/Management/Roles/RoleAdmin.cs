using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.Logs;
using Timesheets.Identity.Users;
using BuiltInRoles = Timesheets.Identity.Users.Roles;

namespace Timesheets.Identity.Management.Roles;

/// <summary>
/// Roles and their permissions (the Authorization Extension's model), for the Management API and the
/// admin pages alike. Every grant reads a user's permissions fresh (<c>PrincipalFactory.FindUserAsync</c>),
/// so a change here shows in each member's very next token, refreshed ones included.
/// </summary>
internal sealed partial class RoleAdmin(RoleManager<ApplicationRole> roles, IdentityDataContext db, AdminLog log)
{
    public const int MaxName = 256;
    public const int MaxDescription = 500;

    public async Task<IReadOnlyList<ManagementRole>> ListAsync(CancellationToken cancellationToken) =>
        await db.Roles.AsNoTracking().OrderBy(r => r.NormalizedName).Select(r => new ManagementRole(r.Id, r.Name ?? "", r.Description)).ToListAsync(cancellationToken);

    public async Task<AdminResult<ManagementRole>> GetAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } role ? AdminResult<ManagementRole>.Success(role.ToResponse()) : AdminError.NotFound("role");

    public async Task<AdminResult<ManagementRole>> CreateAsync(RoleRequest request, CancellationToken cancellationToken)
    {
        if (Problems(request, creating: true) is { } problems)
        {
            return AdminError.Invalid(problems);
        }

        var role = new ApplicationRole(request.Name!.Trim()) { Description = request.Description?.Trim() ?? "" };
        log.Record($"Created role {role.Name}", "role", role.Id, null, role.ToResponse());
        var created = await roles.CreateAsync(role);
        return created.Succeeded ? AdminResult<ManagementRole>.Success(role.ToResponse()) : created.ToAdminError("name");
    }

    /// <summary>Renames the role or changes its description. The built-in roles keep their names: seeding and <c>create-admin</c> find them by name.</summary>
    public async Task<AdminResult<ManagementRole>> UpdateAsync(string id, RoleRequest request, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } role)
        {
            return AdminError.NotFound("role");
        }

        if (Problems(request, creating: false) is { } problems)
        {
            return AdminError.Invalid(problems);
        }

        var before = role.ToResponse();
        var name = request.Name?.Trim() ?? before.Name;
        if (name != before.Name && IsBuiltIn(before.Name))
        {
            return AdminError.Conflict($"The built-in role {before.Name} cannot be renamed.");
        }

        role.Name = name;
        role.Description = request.Description?.Trim() ?? role.Description;
        log.Record($"Updated role {name}", "role", role.Id, before, role.ToResponse());
        var updated = await roles.UpdateAsync(role);
        return updated.Succeeded ? AdminResult<ManagementRole>.Success(role.ToResponse()) : updated.ToAdminError("name");
    }

    /// <summary>Deletes the role; its members lose its permissions at their next token. Built-in roles stay.</summary>
    public async Task<AdminResult<ManagementRole>> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } role)
        {
            return AdminError.NotFound("role");
        }

        var before = role.ToResponse();
        if (IsBuiltIn(before.Name))
        {
            return AdminError.Conflict(before.Name == BuiltInRoles.Admin
                ? "The Admin role cannot be deleted: without it nobody could administer Timesheets."
                : $"The built-in role {before.Name} cannot be deleted.");
        }

        var permissions = await PermissionNamesAsync(role.Id, cancellationToken);
        log.Record($"Deleted role {before.Name}", "role", role.Id, new { role = before, permissions }, null);
        var deleted = await roles.DeleteAsync(role);
        return deleted.Succeeded ? AdminResult<ManagementRole>.Success(before) : deleted.ToAdminError("role");
    }

    public async Task<AdminResult<IReadOnlyList<ManagementRoleMember>>> MembersAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is null)
        {
            return AdminError.NotFound("role");
        }

        IReadOnlyList<ManagementRoleMember> members = await db.UserRoles.Where(ur => ur.RoleId == id)
            .Join(db.Users, ur => ur.UserId, u => u.Id, (_, u) => u)
            .OrderBy(u => u.NormalizedEmail)
            .Select(u => new ManagementRoleMember(u.Id, u.Email, u.DisplayName, u.PictureUrl))
            .ToListAsync(cancellationToken);
        return AdminResult<IReadOnlyList<ManagementRoleMember>>.Success(members);
    }

    public static bool IsBuiltIn(string name) => BuiltInRoles.DefaultPermissions.ContainsKey(name);

    private Task<ApplicationRole?> FindAsync(string id, CancellationToken cancellationToken) =>
        id.Length is 0 or > 450 ? Task.FromResult<ApplicationRole?>(null) : db.Roles.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    private static Dictionary<string, string[]>? Problems(RoleRequest request, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if ((creating || request.Name is not null) && string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["name is required."];
        }
        else if (request.Name?.Trim().Length > MaxName)
        {
            errors["name"] = [$"name is longer than {MaxName} characters."];
        }

        if (request.Description?.Trim().Length > MaxDescription)
        {
            errors["description"] = [$"description is longer than {MaxDescription} characters."];
        }

        return errors.Count == 0 ? null : errors;
    }
}

internal static class RoleResponses
{
    public static ManagementRole ToResponse(this ApplicationRole role) => new(role.Id, role.Name ?? "", role.Description);
}
