using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;

namespace Timesheets.Identity.Sessions;

/// <summary>What the user just did on one of our pages for one particular authorization request.</summary>
internal enum Interaction
{
    /// <summary>Typed their password (the login form).</summary>
    LoggedIn,

    /// <summary>Pressed Allow on the consent page.</summary>
    Allowed,

    /// <summary>Pressed Cancel on the consent page.</summary>
    Denied,
}

/// <summary>
/// A one-shot, short-lived proof that the user acted in this very flow, handed from the login or
/// consent page to <c>/authorize</c> in a cookie. It is encrypted and signed (data protection), bound
/// to the user and to a hash of the exact authorization request the page was shown for, and read once:
/// <c>/authorize</c> deletes it whatever it holds. A local app that opens its own authorization URL
/// cannot make one (it has neither the key nor the browser's cookies), and one made for another
/// request (another client, redirect URI, PKCE challenge or state) does not match.
/// </summary>
internal sealed class InteractionProofs(IDataProtectionProvider protection, IOptions<IdentitySettings> settings)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Timesheets.Identity.InteractionProof.v1").ToTimeLimitedDataProtector();

    private string CookieName => SessionCookies.Name(SessionCookies.InteractionName, settings.Value.RequireHttps);

    /// <param name="requestUrl">The authorization request as a local URL (<see cref="Oidc.LocalRequestUrl"/>).</param>
    public void Issue(HttpContext http, Interaction interaction, string userId, string requestUrl)
    {
        var payload = string.Join('\n', interaction, userId, Hash(requestUrl));
        http.Response.Cookies.Append(CookieName, _protector.Protect(payload, Lifetime), Options(http));
    }

    /// <summary>Reads and deletes the proof; returns what the user did, or null when it is absent or for something else.</summary>
    public Interaction? Take(HttpContext http, string userId, string requestUrl)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        http.Response.Cookies.Delete(CookieName, Options(http));
        string payload;
        try
        {
            payload = _protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null; // forged, expired or from a rotated-out key
        }

        var parts = payload.Split('\n');
        return parts.Length == 3 && Enum.TryParse<Interaction>(parts[0], out var interaction) &&
            string.Equals(parts[1], userId, StringComparison.Ordinal) &&
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Hash(requestUrl)))
            ? interaction
            : null;
    }

    private static string Hash(string requestUrl) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(requestUrl)));

    // Strict: sent only on navigations that start on this server (the page's own redirect to /authorize).
    private CookieOptions Options(HttpContext http) => new()
    {
        Path = "/",
        HttpOnly = true,
        Secure = settings.Value.RequireHttps || http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}
