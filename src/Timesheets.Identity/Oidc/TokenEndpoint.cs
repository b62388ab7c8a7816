using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// <c>/oauth/token</c>: OpenIddict has authenticated the client and validated the code, PKCE verifier,
/// device code or refresh token; this builds a fresh identity so role changes and lockouts take effect at once.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, PrincipalFactory principals, IOpenIddictApplicationManager applications,
        CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                ?? throw new InvalidOperationException("The authenticated client no longer exists.");
            if (principals.AudienceOf(request, grant: null) is not { } clientAudience)
            {
                return AuthorizeEndpoint.Forbid(Errors.InvalidTarget, PrincipalFactory.OneAudience);
            }

            var principal = await principals.CreateForClientAsync(application, request.GetScopes(), clientAudience, cancellationToken);
            return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        // A device code carries the identity built when the user allowed the device on /activate.
        if (request.IsAuthorizationCodeGrantType() || request.IsDeviceCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // Resolved here, not as parameters: a machine token (the busiest grant) needs no user services.
            var users = http.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
            var signIn = http.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
            var grant = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = await principals.FindUserAsync(grant.Principal?.GetClaim(Claims.Subject), cancellationToken);
            if (account is null || !await signIn.CanSignInAsync(account.User) || await users.IsLockedOutAsync(account.User))
            {
                return AuthorizeEndpoint.Forbid(Errors.InvalidGrant, "The grant is no longer valid: the account is unknown, disabled or locked.");
            }

            var granted = grant.Principal!.GetScopes().ToHashSet(StringComparer.Ordinal);
            var authTime = grant.Principal!.GetClaim(Claims.AuthenticationTime) is { } seconds && long.TryParse(seconds, out var unix)
                ? DateTimeOffset.FromUnixTimeSeconds(unix)
                : (DateTimeOffset?)null;
            // The client's registration is read again: a scope withdrawn from it leaves its refreshed tokens at once.
            var clientScopes = await principals.ClientApiScopesAsync(request.ClientId, cancellationToken);
            if (principals.AudienceOf(request, grant.Principal) is not { } audience)
            {
                return AuthorizeEndpoint.Forbid(Errors.InvalidTarget, PrincipalFactory.OneAudience);
            }

            var principal = principals.CreateForUser(account, granted, clientScopes, authTime, granted, audience);
            // How the user logged in travels in the code, device code and refresh tokens, as auth_time does.
            AuthenticationMethods.Apply(principal, AuthenticationMethods.FromGrant(grant.Principal));

            var settings = http.RequestServices.GetRequiredService<IOptions<IdentitySettings>>().Value;
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var started = RefreshSession.Started(grant.Principal!, request.IsRefreshTokenGrantType(), now);
            var remaining = RefreshSession.Remaining(started, now, settings);
            if (remaining <= TimeSpan.Zero)
            {
                return AuthorizeEndpoint.Forbid(Errors.InvalidGrant, "The login session has reached its absolute lifetime: log in again.");
            }

            RefreshSession.Apply(principal, started, remaining, settings);
            return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return AuthorizeEndpoint.Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }
}
