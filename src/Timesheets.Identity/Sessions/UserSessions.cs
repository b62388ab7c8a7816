using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Data;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Security;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Sessions;

/// <summary>
/// The login session behind the cookie, checked against the database on every use, and ended for good
/// at logout. The cookie carries the user's security stamp; logout writes a new stamp, so the cookie
/// (and any copy of it, and the user's sessions in other browsers) stops working at once, although it
/// is still a validly signed, unexpired cookie.
/// </summary>
/// <remarks>
/// Cost: nothing extra at <c>/authorize</c>, which reads the user row for the grant anyway
/// (<see cref="PrincipalFactory.FindUserAsync"/>) and compares the stamp in memory; one UPDATE per
/// logout. ASP.NET Core Identity's SecurityStampValidator with a zero interval would do the same check
/// with a second read of the user and re-issue the cookie on every request.
/// </remarks>
internal sealed class UserSessions(PrincipalFactory principals, IdentityDataContext db, IOptions<IdentityOptions> identity,
    SignInManager<ApplicationUser> signIn, MfaPolicy mfa, ILogger<SecurityLog.Events> logger)
{
    /// <summary>
    /// The session's user, or null: no cookie, an expired one, a deleted user, a stamp changed since
    /// (logged out), or a session without the second factor of a user whose role now requires one (they
    /// log in again, through enrolment if need be).
    /// </summary>
    public async Task<Session?> FindAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!result.Succeeded)
        {
            return null;
        }

        var claims = identity.Value.ClaimsIdentity;
        var account = await principals.FindUserAsync(result.Principal.FindFirstValue(claims.UserIdClaimType), cancellationToken);
        var stamp = result.Principal.FindFirstValue(claims.SecurityStampClaimType);
        if (account is null || string.IsNullOrEmpty(stamp) || !string.Equals(stamp, account.User.SecurityStamp, StringComparison.Ordinal))
        {
            return null;
        }

        var secondFactor = AuthenticationMethods.FromSession(result.Principal);
        if (!secondFactor && await mfa.IsRequiredAsync(account.User.Id, cancellationToken))
        {
            return null;
        }

        return new Session(account, result.Properties?.IssuedUtc, secondFactor);
    }

    /// <summary>Ends the session for good (see <see cref="InvalidateAllAsync"/>) and deletes this browser's cookie.</summary>
    public async Task EndAsync(Session session, CancellationToken cancellationToken)
    {
        await InvalidateAllAsync(session.UserId, cancellationToken);
        await signIn.SignOutAsync();
        SecurityLog.LoggedOut(logger, session.UserId);
    }

    /// <summary>
    /// A new security stamp: every session cookie of the user stops working, copies included. One
    /// statement, no read; it also changes the concurrency stamp, so an update through the UserManager
    /// that still holds the old security stamp (a failed-login count, say) fails instead of writing
    /// the old stamp back.
    /// </summary>
    private Task InvalidateAllAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.SecurityStamp, Convert.ToHexString(RandomNumberGenerator.GetBytes(20)))
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), cancellationToken);
}

/// <summary>A live login session: the user (with permissions, for the grant), when they logged in, and whether with a second factor.</summary>
internal sealed record Session(UserAccount Account, DateTimeOffset? AuthenticatedAt, bool UsedSecondFactor)
{
    public string UserId => Account.User.Id;
}
