using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Users;

internal static class LoginRecords
{
    /// <summary>
    /// A successful login: <see cref="ApplicationUser.LastLoginAt"/> and <see cref="ApplicationUser.LoginsCount"/>,
    /// which admins see (Auth0's <c>last_login</c>, <c>logins_count</c>). One UPDATE that increments in
    /// SQL, so parallel logins all count; it leaves the concurrency stamp alone, so an admin's edit in
    /// flight is not refused because the user logged in meanwhile.
    /// </summary>
    public static Task RecordLoginAsync(this IdentityDataContext db, string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.LastLoginAt, at)
            .SetProperty(u => u.LoginsCount, u => u.LoginsCount + 1), cancellationToken);
}
