using Microsoft.AspNetCore.Identity;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Mfa;

/// <summary>
/// ASP.NET Core Identity's authenticator provider (RFC 6238 codes; it accepts the two 30-second steps
/// either side of now), plus what RFC 6238 §5.2 asks of a verifier and Identity leaves out: a code
/// once accepted is not accepted again, so one seen over a shoulder or phished cannot be replayed
/// within its window. The last accepted code is kept in the user's token store; two requests racing
/// with the same code both try to write it under the same concurrency stamp, and the loser fails.
/// </summary>
internal sealed class OneTimeAuthenticatorProvider : AuthenticatorTokenProvider<ApplicationUser>
{
    public const string Name = "TimesheetsAuthenticator";

    private const string StoreProvider = "[Timesheets]";
    private const string LastCodeName = "LastAuthenticatorCode";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        if (!await base.ValidateAsync(purpose, token, manager, user) ||
            string.Equals(await manager.GetAuthenticationTokenAsync(user, StoreProvider, LastCodeName), token, StringComparison.Ordinal))
        {
            return false;
        }

        // An expired-within-minutes code, useless without the password: no secret to protect at rest.
        return (await manager.SetAuthenticationTokenAsync(user, StoreProvider, LastCodeName, token)).Succeeded;
    }
}
