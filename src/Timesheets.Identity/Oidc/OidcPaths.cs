namespace Timesheets.Identity.Oidc;

/// <summary>
/// The protocol endpoints' paths (Auth0's), named once: the OpenIddict server, the passthrough
/// endpoints, the JSON body reader and the rate limiter all take them from here.
/// </summary>
internal static class OidcPaths
{
    public const string Authorize = "/authorize";
    public const string Token = "/oauth/token";
    public const string Revocation = "/oauth/revoke";
    public const string UserInfo = "/userinfo";
    public const string EndSession = "/v2/logout";
    public const string JsonWebKeySet = "/.well-known/jwks.json";

    /// <summary>RFC 8628 device authorization endpoint: a device without a browser asks for a device and user code.</summary>
    public const string DeviceAuthorization = "/oauth/device/code";

    /// <summary>RFC 8628 end-user verification page, where the user types the code shown on the device.</summary>
    public const string EndUserVerification = "/activate";

    /// <summary>
    /// OpenIddict takes endpoint URIs relative to the issuer, without the leading slash, so an
    /// issuer with a path (<c>https://host/identity/</c>) keeps its endpoints under that path.
    /// </summary>
    public static string RelativeToIssuer(string path) => path.TrimStart('/');

    /// <summary>The endpoints a client posts to (token, revocation, device authorization), with or without a trailing segment.</summary>
    public static bool IsClientEndpoint(PathString path) =>
        path.StartsWithSegments(Token, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments(Revocation, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments(DeviceAuthorization, StringComparison.OrdinalIgnoreCase);
}
