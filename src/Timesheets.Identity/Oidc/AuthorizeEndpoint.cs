using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// <c>/authorize</c>: OpenIddict has validated the client, redirect URI, PKCE and scopes; this decides
/// who the user is. No session → the login page (or <c>login_required</c> at once for <c>prompt=none</c>).
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn, PrincipalFactory principals, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = session.Succeeded ? await principals.FindUserAsync(users.GetUserId(session.Principal), cancellationToken) : null;
        var user = account?.User;
        var authTime = session.Properties?.IssuedUtc;

        var sessionTooOld = request.MaxAge is { } maxAge && authTime is { } issued &&
            clock.GetUtcNow() - issued > TimeSpan.FromSeconds(maxAge);
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
            // (and the max_age check passes because the new session has just been issued).
            return Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl(http.Request) },
                [IdentityConstants.ApplicationScheme]);
        }

        var clientScopes = await principals.ClientApiScopesAsync(request.ClientId, cancellationToken);
        var principal = principals.CreateForUser(account!, request.GetScopes(), clientScopes, authTime, grantedLimit: null);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    internal static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static string ReturnUrl(HttpRequest request)
    {
        var parameters = (request.HasFormContentType ? request.Form.AsEnumerable() : request.Query.AsEnumerable())
            .Where(p => p.Key != Parameters.Prompt)
            .ToList();
        var prompts = request.HasFormContentType ? request.Form[Parameters.Prompt] : request.Query[Parameters.Prompt];
        var remaining = string.Join(' ', prompts.SelectMany(p => (p ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p != PromptValues.Login));
        if (remaining.Length > 0)
        {
            parameters.Add(new KeyValuePair<string, StringValues>(Parameters.Prompt, remaining));
        }

        return request.PathBase + request.Path + QueryString.Create(parameters);
    }
}
