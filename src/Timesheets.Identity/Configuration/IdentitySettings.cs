using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Configuration;

/// <summary>Settings of the authorization server itself (section <c>Identity</c>).</summary>
public sealed class IdentitySettings : ITransportSettings
{
    public const string Section = "Identity";

    /// <summary>The issuer URL, ending in <c>/</c>, e.g. <c>http://127.0.0.1:5001/</c>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>Refuse plain HTTP (production). Off only in demo and test runs.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto/For headers, so
    /// requests it forwarded over plain HTTP count as HTTPS (and rate limits see the client's IP).
    /// </summary>
    public bool BehindProxy { get; set; }

    /// <summary>Addresses or CIDR networks of the reverse proxies; required with <see cref="BehindProxy"/>.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The API identifier that becomes the access token's <c>aud</c>.</summary>
    public string ApiAudience { get; set; } = ApiResource.Identifier;

    /// <summary>
    /// <c>RS256</c> (default: what every client library expects) or <c>ES256</c> (ECDSA P-256:
    /// an order of magnitude cheaper to sign). Keys of the other algorithm stay published.
    /// </summary>
    public string SigningAlgorithm { get; set; } = "RS256";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Idle lifetime: a refresh token not used for this long expires. Each rotation starts it again,
    /// but never past <see cref="RefreshTokenAbsoluteLifetime"/>.
    /// </summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Absolute lifetime of a login's refresh tokens, counted from the code exchange (Auth0's default,
    /// 30 days): however often they are rotated, a stolen refresh token dies by then.
    /// </summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a device code and its user code (RFC 8628) can be used: the user has this long to
    /// enter the code on <c>/activate</c>; the device polling after it gets <c>expired_token</c>.
    /// </summary>
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The <c>interval</c> a device is told to wait between polls of the token endpoint; a pending
    /// device that polls sooner gets <c>slow_down</c> and must wait 5 seconds longer from then on.
    /// </summary>
    public TimeSpan DevicePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed logins from one (account, client address) pair before it is blocked; 10 is Auth0's default.</summary>
    public int MaxFailedLogins { get; set; } = 10;

    /// <summary>The first block of a pair; each further block of the same pair lasts twice as long.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The cap on a pair's doubling block.</summary>
    public TimeSpan MaxLockoutDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Redirect URIs of the mobile app (PWA), besides its native custom scheme.</summary>
    public string[] MobileRedirectUris { get; set; } = [];

    /// <summary>Where the mobile app may be sent back after logout.</summary>
    public string[] MobilePostLogoutRedirectUris { get; set; } = [];

    /// <summary>Browser origins (the PWA) allowed to call the token, userinfo and revocation endpoints.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>The mobile app's address, linked from the login page; empty: no link.</summary>
    public string AppUrl { get; set; } = "";
}

/// <summary>The one protected API this server issues access tokens for.</summary>
public static class ApiResource
{
    public const string Identifier = Contracts.ApiScopes.Audience;

    /// <summary>Auth0-style namespaced claim carrying the user's email in access tokens.</summary>
    public const string EmailClaim = "https://api.exampleco.com/email";

    public const string PermissionsClaim = "permissions";

    /// <summary>
    /// Auth0-style namespaced claim, <c>true</c> in the ID token and userinfo (profile scope) of a user
    /// flagged as a contractor, so an app can say so; absent for everyone else.
    /// </summary>
    public const string ContractorClaim = "https://api.exampleco.com/contractor";
}
