using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary><c>/userinfo</c>: the profile claims the access token's scopes allow (OIDC Core §5.3).</summary>
internal static class UserinfoEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, UserManager<ApplicationUser> users)
    {
        var token = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = token.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null)
        {
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The access token does not belong to a user.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (token.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.DisplayName;
            claims[Claims.Nickname] = user.Nickname;
            claims[Claims.Picture] = user.PictureUrl;
            claims[Claims.UpdatedAt] = user.UpdatedAt.ToUnixTimeSeconds();
            claims[ApiResource.ContractorClaim] = user.IsContractor ? true : null;
        }

        if (token.Principal!.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        return Results.Ok(claims.Where(c => c.Value is not null).ToDictionary());
    }
}
