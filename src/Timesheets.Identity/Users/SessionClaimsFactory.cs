using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Timesheets.Identity.Users;

/// <summary>
/// What the login session cookie holds: the user id, user name and security stamp, nothing more.
/// ASP.NET Core Identity's default factory also reads the user's claims, roles and each role's claims
/// from the database on every login; nothing here reads them from the cookie (every grant loads the
/// user and permissions fresh, see <c>PrincipalFactory</c>), so those four queries are skipped.
/// </summary>
internal sealed class SessionClaimsFactory(UserManager<ApplicationUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var claimTypes = Options.ClaimsIdentity;
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, claimTypes.UserNameClaimType, claimTypes.RoleClaimType);
        identity.AddClaim(new Claim(claimTypes.UserIdClaimType, await UserManager.GetUserIdAsync(user)));
        identity.AddClaim(new Claim(claimTypes.UserNameClaimType, await UserManager.GetUserNameAsync(user) ?? ""));
        if (UserManager.SupportsUserSecurityStamp)
        {
            identity.AddClaim(new Claim(claimTypes.SecurityStampClaimType, await UserManager.GetSecurityStampAsync(user)));
        }

        return identity;
    }
}
