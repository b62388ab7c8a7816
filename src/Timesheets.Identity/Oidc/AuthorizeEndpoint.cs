using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Sessions;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// <c>/authorize</c>: OpenIddict has validated the client, redirect URI, PKCE and scopes; this decides
/// who the user is. No session → the login page (or <c>login_required</c> at once for <c>prompt=none</c>).
/// A session alone is not enough for a native or loopback redirect (<see cref="NativeConsent"/>): unless
/// the user typed their password in this very flow, they confirm on the consent page first.
/// </summary>
internal static class AuthorizeEndpoint
{
    public const string ConsentPage = "/account/consent";

    public static async Task<IResult> HandleAsync(HttpContext http, UserSessions sessions, InteractionProofs proofs,
        UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IOpenIddictApplicationManager applications,
        PrincipalFactory principals, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var session = await sessions.FindAsync(http, cancellationToken);
        var user = session?.Account.User;
        var authTime = session?.AuthenticatedAt;

        // What the user did on our pages in this very flow, read (and spent) before anything else: a
        // password typed just now satisfies max_age, whatever the cookie's issue time says (it is kept
        // in whole seconds, so a login that took a moment could look older than max_age=1).
        var requestUrl = LocalRequestUrl.Of(http.Request, PromptValues.Login);
        var interaction = session is null ? null : proofs.Take(http, session.UserId, requestUrl);

        // In whole seconds, as auth_time is published: the cookie's issue time is truncated, and
        // comparing it with the exact time made a half-second-old session too old for max_age=1.
        var sessionTooOld = request.MaxAge is { } maxAge && authTime is { } issued && interaction is not Interaction.LoggedIn &&
            clock.GetUtcNow().ToUnixTimeSeconds() - issued.ToUnixTimeSeconds() > maxAge;
        var mustLogIn = user is null || request.HasPromptValue(PromptValues.Login) || sessionTooOld ||
            (user is not null && !await signIn.CanSignInAsync(user)) ||
            (user is not null && await users.IsLockedOutAsync(user));

        if (mustLogIn)
        {
            // prompt=none must never show a page: answer the client at once (OIDC Core §3.1.2.1).
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not logged in.");
            }

            // Come back here after logging in, without prompt=login so the fresh session is accepted
            // (and the max_age check passes: the login page hands back a proof of the password).
            return Results.Challenge(new AuthenticationProperties { RedirectUri = requestUrl },
                [IdentityConstants.ApplicationScheme]);
        }

        if (interaction is Interaction.Denied)
        {
            return Forbid(Errors.AccessDenied, "The user declined to continue to the application.");
        }

        if (interaction is null && await NativeConsent.IsRequiredAsync(request, applications, cancellationToken))
        {
            return request.HasPromptValue(PromptValues.None)
                ? Forbid(Errors.ConsentRequired, "The user must confirm this application on the authorization server.")
                : Results.Redirect(ConsentPage + QueryString.Create("ReturnUrl", requestUrl));
        }

        if (principals.AudienceOf(request, grant: null) is not { } audience)
        {
            return Forbid(Errors.InvalidTarget, PrincipalFactory.OneAudience);
        }

        var clientScopes = await principals.ClientApiScopesAsync(request.ClientId, cancellationToken);
        var principal = principals.CreateForUser(session!.Account, request.GetScopes(), clientScopes, authTime, grantedLimit: null, audience);
        AuthenticationMethods.Apply(principal, session.UsedSecondFactor);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    internal static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
