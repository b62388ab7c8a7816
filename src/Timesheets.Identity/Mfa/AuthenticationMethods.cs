using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Mfa;

/// <summary>
/// How the user logged in, as RFC 8176 names it (<c>amr</c>) and OpenID PAPE's multi-factor policy
/// (<c>acr</c>). The session cookie carries ASP.NET Core Identity's own <c>amr</c> claim (<c>pwd</c>,
/// or <c>mfa</c> after its two-factor sign-in); the ID token gets <c>["pwd"]</c> or
/// <c>["pwd","otp","mfa"]</c>, and <c>acr</c> only with the second factor. The code, device code and
/// refresh tokens carry <c>acr</c> (all their claims are stored in them), so a refreshed ID token says
/// what the login did, not what a refresh did.
/// </summary>
internal static class AuthenticationMethods
{
    public const string Password = "pwd";
    public const string OneTimePassword = "otp";
    public const string MultipleFactors = "mfa";
    public const string MultiFactorPolicy = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

    /// <summary>The claim the session cookie gets for a password-only login (as Identity's own password sign-in adds it).</summary>
    public static Claim PasswordOnly() => new(Claims.AuthenticationMethodReference, Password);

    /// <summary>The claim the session cookie gets once the second factor was checked (as Identity's two-factor sign-in adds it).</summary>
    public static Claim WithSecondFactor() => new(Claims.AuthenticationMethodReference, MultipleFactors);

    /// <summary>Whether the login session behind this cookie used the second factor.</summary>
    public static bool FromSession(ClaimsPrincipal session) => session.HasClaim(Claims.AuthenticationMethodReference, MultipleFactors);

    /// <summary>Whether the login behind a code, device code or refresh token used the second factor.</summary>
    public static bool FromGrant(ClaimsPrincipal? grant) =>
        string.Equals(grant?.GetClaim(Claims.AuthenticationContextReference), MultiFactorPolicy, StringComparison.Ordinal);

    /// <summary>Adds <c>amr</c> (always a JSON array, as RFC 8176 wants it) and, after a second factor, <c>acr</c> for the ID token.</summary>
    public static void Apply(ClaimsPrincipal principal, bool secondFactor)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        string[] methods = secondFactor ? [Password, OneTimePassword, MultipleFactors] : [Password];
        var amr = new Claim(Claims.AuthenticationMethodReference, JsonSerializer.Serialize(methods), JsonClaimValueTypes.JsonArray);
        identity.AddClaim(amr.SetDestinations(Destinations.IdentityToken));
        if (secondFactor)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationContextReference, MultiFactorPolicy).SetDestinations(Destinations.IdentityToken));
        }
    }
}
