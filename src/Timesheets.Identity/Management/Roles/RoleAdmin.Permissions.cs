using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.Roles;

internal sealed partial class RoleAdmin
{
    /// <summary>The role's permissions with their APIs, by API then name.</summary>
    public async Task<AdminResult<IReadOnlyList<ManagementRolePermission>>> PermissionsAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is null)
        {
            return AdminError.NotFound("role");
        }

        return AdminResult<IReadOnlyList<ManagementRolePermission>>.Success(await PermissionsOfAsync(id, cancellationToken));
    }

    /// <summary>Every permission of every API, for the role page's checkboxes.</summary>
    public async Task<IReadOnlyList<ManagementRolePermission>> AllPermissionsAsync(CancellationToken cancellationToken) =>
        await PermissionRows(db.Permissions).ToListAsync(cancellationToken);

    public Task<AdminResult<IReadOnlyList<ManagementRolePermission>>> AddPermissionsAsync(string id, IReadOnlyList<PermissionReference>? wanted,
        CancellationToken cancellationToken) => ChangePermissionsAsync(id, wanted, add: true, cancellationToken);

    public Task<AdminResult<IReadOnlyList<ManagementRolePermission>>> RemovePermissionsAsync(string id, IReadOnlyList<PermissionReference>? wanted,
        CancellationToken cancellationToken) => ChangePermissionsAsync(id, wanted, add: false, cancellationToken);

    private async Task<AdminResult<IReadOnlyList<ManagementRolePermission>>> ChangePermissionsAsync(string id, IReadOnlyList<PermissionReference>? wanted,
        bool add, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } role)
        {
            return AdminError.NotFound("role");
        }

        if (wanted is null || wanted.Count == 0 || wanted.Any(p => p is null))
        {
            return AdminError.Invalid("permissions", "permissions must name at least one permission.");
        }

        // A permission is named with its API, as Auth0 does; both must match a permission that exists.
        var names = wanted.Select(p => p.PermissionName).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Permissions.Where(p => names.Contains(p.Name)).ToDictionaryAsync(p => p.Name, p => p.Audience, StringComparer.Ordinal, cancellationToken);
        var unknown = wanted.Where(p => !known.TryGetValue(p.PermissionName, out var api) || api != p.ResourceServerIdentifier)
            .Select(p => p.PermissionName).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            return AdminError.Invalid("permissions", $"No such permission of that API: {string.Join(", ", unknown.Take(10))}.");
        }

        var before = await PermissionNamesAsync(id, cancellationToken);
        var changing = names.Where(n => before.Contains(n) != add).ToList();
        if (changing.Count == 0)
        {
            return AdminResult<IReadOnlyList<ManagementRolePermission>>.Success(await PermissionsOfAsync(id, cancellationToken));
        }

        if (add)
        {
            db.RolePermissions.AddRange(changing.Select(n => new RolePermission { RoleId = id, PermissionName = n }));
        }
        else
        {
            db.RolePermissions.RemoveRange(await db.RolePermissions.Where(rp => rp.RoleId == id && changing.Contains(rp.PermissionName)).ToListAsync(cancellationToken));
        }

        var after = add ? [.. before, .. changing] : before.Except(changing).ToList();
        log.Record($"{(add ? "Added" : "Removed")} {string.Join(", ", changing)} {(add ? "to" : "from")} role {role.Name}", "role", id,
            new { permissions = before.Order(StringComparer.Ordinal) }, new { permissions = after.Order(StringComparer.Ordinal) });
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<IReadOnlyList<ManagementRolePermission>>.Success(await PermissionsOfAsync(id, cancellationToken));
    }

    /// <summary>
    /// Makes the role's permissions exactly <paramref name="names"/> (the role page's checkboxes): what
    /// is added and what is removed are written together, with one log entry, or not at all.
    /// </summary>
    public async Task<AdminResult<IReadOnlyList<ManagementRolePermission>>> SetPermissionsAsync(string id, IReadOnlyCollection<string> names,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } role)
        {
            return AdminError.NotFound("role");
        }

        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Permissions.Where(p => wanted.Contains(p.Name)).Select(p => p.Name).ToListAsync(cancellationToken);
        if (known.Count != wanted.Count)
        {
            return AdminError.Invalid("permissions", $"No such permission: {string.Join(", ", wanted.Except(known).Take(10))}.");
        }

        var before = await PermissionNamesAsync(id, cancellationToken);
        var adding = wanted.Except(before).ToList();
        var removing = before.Except(wanted).ToList();
        if (adding.Count + removing.Count > 0)
        {
            db.RolePermissions.AddRange(adding.Select(n => new RolePermission { RoleId = id, PermissionName = n }));
            db.RolePermissions.RemoveRange(await db.RolePermissions.Where(rp => rp.RoleId == id && removing.Contains(rp.PermissionName)).ToListAsync(cancellationToken));
            log.Record($"Changed the permissions of role {role.Name}", "role", id,
                new { permissions = before.Order(StringComparer.Ordinal) }, new { permissions = wanted.Order(StringComparer.Ordinal) });
            await db.SaveChangesAsync(cancellationToken);
        }

        return AdminResult<IReadOnlyList<ManagementRolePermission>>.Success(await PermissionsOfAsync(id, cancellationToken));
    }

    private async Task<List<string>> PermissionNamesAsync(string roleId, CancellationToken cancellationToken) =>
        await db.RolePermissions.Where(rp => rp.RoleId == roleId).Select(rp => rp.PermissionName).ToListAsync(cancellationToken);

    private async Task<IReadOnlyList<ManagementRolePermission>> PermissionsOfAsync(string roleId, CancellationToken cancellationToken) =>
        await PermissionRows(db.RolePermissions.Where(rp => rp.RoleId == roleId)
            .Join(db.Permissions, rp => rp.PermissionName, p => p.Name, (_, p) => p)).ToListAsync(cancellationToken);

    private IQueryable<ManagementRolePermission> PermissionRows(IQueryable<Permission> permissions) =>
        permissions.Join(db.ResourceServers, p => p.Audience, r => r.Identifier, (p, r) => new { p.Name, r.Identifier, Api = r.Name, p.Description })
            .OrderBy(p => p.Api).ThenBy(p => p.Name)
            .Select(p => new ManagementRolePermission(p.Name, p.Identifier, p.Api, p.Description));
}
