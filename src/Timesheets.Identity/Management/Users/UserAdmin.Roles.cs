using Microsoft.EntityFrameworkCore;
using BuiltInRoles = Timesheets.Identity.Users.Roles;

namespace Timesheets.Identity.Management.Users;

internal sealed partial class UserAdmin
{
    /// <summary>The user's roles, by name.</summary>
    public async Task<AdminResult<IReadOnlyList<ManagementRole>>> RolesAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is null)
        {
            return AdminError.NotFound("user");
        }

        return AdminResult<IReadOnlyList<ManagementRole>>.Success(await RolesOfAsync(id, cancellationToken));
    }

    /// <summary>Gives the user these roles (those they have already stay); their next token carries the permissions.</summary>
    public Task<AdminResult<IReadOnlyList<ManagementRole>>> AddRolesAsync(string id, IReadOnlyList<string>? roleIds, CancellationToken cancellationToken) =>
        ChangeRolesAsync(id, roleIds, add: true, cancellationToken);

    /// <summary>Takes these roles from the user; their next token, refreshed ones included, lacks the permissions. The last admin keeps the Admin role.</summary>
    public Task<AdminResult<IReadOnlyList<ManagementRole>>> RemoveRolesAsync(string id, IReadOnlyList<string>? roleIds, CancellationToken cancellationToken) =>
        ChangeRolesAsync(id, roleIds, add: false, cancellationToken);

    private async Task<AdminResult<IReadOnlyList<ManagementRole>>> ChangeRolesAsync(string id, IReadOnlyList<string>? roleIds, bool add,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } user)
        {
            return AdminError.NotFound("user");
        }

        if (roleIds is null || roleIds.Count == 0 || await RoleNamesAsync(roleIds, cancellationToken) is not { } named)
        {
            return AdminError.Invalid("roles", "roles must name at least one existing role id.");
        }

        var before = await RolesOfAsync(id, cancellationToken);
        var held = before.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var changing = named.Where(name => held.Contains(name) != add).ToList();
        if (changing.Count == 0)
        {
            return AdminResult<IReadOnlyList<ManagementRole>>.Success(before);
        }

        if (!add && changing.Contains(BuiltInRoles.Admin) && await LastAdminRefusalAsync(user, "remove the Admin role from", cancellationToken) is { } lastAdmin)
        {
            return lastAdmin;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = add ? await users.AddToRolesAsync(user, changing) : await users.RemoveFromRolesAsync(user, changing);
        if (!result.Succeeded)
        {
            return result.ToAdminError("roles");
        }

        var after = await RolesOfAsync(id, cancellationToken);
        log.Record($"{(add ? "Assigned" : "Removed")} {string.Join(", ", changing)} {(add ? "to" : "from")} {user.Email}", "user", user.Id,
            new { roles = before.Select(r => r.Name) }, new { roles = after.Select(r => r.Name) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminResult<IReadOnlyList<ManagementRole>>.Success(after);
    }

    private async Task<IReadOnlyList<ManagementRole>> RolesOfAsync(string userId, CancellationToken cancellationToken) =>
        await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r)
            .OrderBy(r => r.NormalizedName)
            .Select(r => new ManagementRole(r.Id, r.Name ?? "", r.Description))
            .ToListAsync(cancellationToken);

    /// <summary>The names of these role ids, or null when one of them does not exist.</summary>
    private async Task<List<string>?> RoleNamesAsync(IReadOnlyList<string> roleIds, CancellationToken cancellationToken)
    {
        if (roleIds.Count == 0)
        {
            return [];
        }

        var ids = roleIds.Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Roles.Where(r => ids.Contains(r.Id)).Select(r => r.Name!).ToListAsync(cancellationToken);
        return names.Count == ids.Count ? names : null;
    }
}
