using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Timesheets.Identity.Sessions;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// <c>/v2/logout</c>: OpenIddict has checked that <c>post_logout_redirect_uri</c> (or Auth0's
/// <c>returnTo</c>) is registered for the client and that an <c>id_token_hint</c>, if any, is ours;
/// this ends the session and lets OpenIddict redirect. Without a registered URI the user lands on the
/// "logged out" page, never on an open redirect.
/// </summary>
/// <remarks>
/// A logout link can be sent to anyone (an image, a link in a mail), so without an ID token of the
/// session's own user nothing says the user asked: the user confirms first, on a POST form with an
/// antiforgery token (RP-Initiated Logout §2). Without a live session there is nothing to end, and
/// the request goes straight through.
/// </remarks>
internal static class LogoutEndpoint
{
    public const string ConfirmPage = "/account/logout";

    public static async Task<IResult> HandleAsync(HttpContext http, UserSessions sessions, SignInManager<ApplicationUser> signIn,
        CancellationToken cancellationToken)
    {
        var session = await sessions.FindAsync(http, cancellationToken);
        if (session is not null)
        {
            var hint = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (hint.Principal?.GetClaim(Claims.Subject) != session.UserId)
            {
                return Results.Redirect(ConfirmPage + QueryString.Create("ReturnUrl", LocalRequestUrl.Of(http.Request)));
            }

            await sessions.EndAsync(session, cancellationToken);
        }
        else
        {
            await signIn.SignOutAsync(); // a stale or copied cookie: drop it all the same
        }

        return Results.SignOut(new() { RedirectUri = "/account/logged-out" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
