using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Users;
using BuiltInRoles = Timesheets.Identity.Users.Roles;

namespace Timesheets.Identity.Management.Users;

internal sealed partial class UserAdmin
{
    /// <summary>
    /// Refuses a change that would leave nobody able to administer: taking the Admin role from, blocking or
    /// deleting the last unblocked user with the Admin role. Without one, only a database edit or
    /// <c>create-admin</c> on the server would let anyone in again.
    /// </summary>
    /// <param name="action">What is refused, for the message: "block", "delete", "remove the Admin role from".</param>
    /// <remarks>
    /// Checked before the change, in the request: two admins demoting each other at the same instant could
    /// both pass. Rare enough for an admin action; <c>create-admin</c> is the way back.
    /// </remarks>
    private async Task<AdminError?> LastAdminRefusalAsync(ApplicationUser user, string action, CancellationToken cancellationToken)
    {
        var now = Now;
        if (user.IsBlocked(now))
        {
            return null;
        }

        var admins = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == BuiltInRoles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (_, u) => new { u.Id, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        // Read into memory: few admins, and SQLite cannot compare the lockout's date in SQL.
        var unblocked = admins.Where(a => a.LockoutEnd is not { } end || end <= now).Select(a => a.Id).ToList();
        return unblocked.Contains(user.Id) && unblocked.Count == 1
            ? AdminError.Conflict($"{user.Email} is the last administrator: you cannot {action} them. Give another user the Admin role first.")
            : null;
    }
}
