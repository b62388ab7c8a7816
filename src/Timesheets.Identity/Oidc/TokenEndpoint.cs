using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// <c>/oauth/token</c>: OpenIddict has authenticated the client and validated the code, PKCE verifier
/// or refresh token; this builds a fresh identity so role changes and lockouts take effect at once.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn, PrincipalFactory principals, IOpenIddictApplicationManager applications,
        CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                ?? throw new InvalidOperationException("The authenticated client no longer exists.");
            var principal = await principals.CreateForClientAsync(application, request.GetScopes(), cancellationToken);
            return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var grant = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = grant.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
            {
                return AuthorizeEndpoint.Forbid(Errors.InvalidGrant, "The grant is no longer valid: the account is unknown, disabled or locked.");
            }

            var granted = grant.Principal!.GetScopes().ToHashSet(StringComparer.Ordinal);
            var authTime = grant.Principal!.GetClaim(Claims.AuthenticationTime) is { } seconds && long.TryParse(seconds, out var unix)
                ? DateTimeOffset.FromUnixTimeSeconds(unix)
                : (DateTimeOffset?)null;
            var principal = await principals.CreateForUserAsync(user, granted, authTime, granted, cancellationToken);
            return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return AuthorizeEndpoint.Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }
}
