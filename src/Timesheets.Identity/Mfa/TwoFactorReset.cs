using Microsoft.AspNetCore.Identity;
using Timesheets.Identity.Security;
using Timesheets.Identity.Sessions;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Mfa;

/// <summary>
/// An admin's reset of a user's second factor (a lost phone): two-factor authentication off, the
/// authenticator key and the recovery codes gone, and every session of the user ended, in browsers
/// (a new security stamp) and in apps (authorizations and tokens revoked). The next login is with the
/// password alone, or, when the user's role requires a second factor, goes through enrolment.
/// Wired to <c>DELETE /api/v2/users/{id}/authenticators</c> and the admin pages.
/// </summary>
internal sealed class TwoFactorReset(Authenticators authenticators, AppSessions apps, UserManager<ApplicationUser> users,
    ILogger<SecurityLog.Events> logger)
{
    /// <param name="user">A user loaded through the <see cref="UserManager{TUser}"/> (tracked), as the admin pages and the API load it.</param>
    public async Task ResetAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        await authenticators.RemoveAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await apps.RevokeAllAsync(user.Id, cancellationToken);
        SecurityLog.MfaReset(logger, user.Id);
    }
}
