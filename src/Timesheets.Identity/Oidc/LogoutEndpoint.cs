using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;
using Timesheets.Identity.Security;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// <c>/v2/logout</c>: OpenIddict has checked that <c>post_logout_redirect_uri</c> (or Auth0's
/// <c>returnTo</c>) is registered for the client; this ends the session and lets OpenIddict redirect.
/// Without a registered URI the user lands on the "logged out" page, never on an open redirect.
/// </summary>
internal static class LogoutEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, SignInManager<ApplicationUser> signIn, ILogger<SecurityLog.Events> logger)
    {
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (session.Principal is { } principal && signIn.UserManager.GetUserId(principal) is { } userId)
        {
            SecurityLog.LoggedOut(logger, userId);
        }

        await signIn.SignOutAsync();
        return Results.SignOut(new() { RedirectUri = "/account/logged-out" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
