using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Configuration;

/// <summary>How the API is reached (section <c>Api</c>).</summary>
public sealed class ApiSettings : ITransportSettings
{
    public const string Section = "Api";

    /// <summary>Refuse plain-HTTP requests and send HSTS (production). Off only in demo and test runs.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto/For headers, so
    /// requests it forwarded over plain HTTP count as HTTPS. Only when the deployment puts one in front.
    /// </summary>
    public bool BehindProxy { get; set; }

    /// <summary>Addresses or CIDR networks of the reverse proxies; required with <see cref="BehindProxy"/>.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// Browser origins (the mobile app as a PWA, e.g. <c>https://timesheets.exampleco.com</c>) allowed to call
    /// the API from their pages: exact origins, no wildcard, no path. Empty: no browser app may call it.
    /// </summary>
    public string[] CorsOrigins { get; set; } = [];
}

/// <summary>Which issuer's tokens the API accepts (section <c>Auth</c>).</summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect issuer, e.g. <c>http://127.0.0.1:5001/</c> or <c>https://tenant.auth0.com/</c>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The API identifier that must be in the token's <c>aud</c>.</summary>
    public string Audience { get; set; } = ApiScopes.Audience;

    /// <summary>Refuse to fetch discovery and keys over plain HTTP. Off only for local demo and tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerance on <c>exp</c> and <c>nbf</c> for clock drift between servers.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the issuer's discovery document and JWKS are fetched again: a key the issuer revokes is
    /// refused here at most this long after (the issuer's <c>revoke-key</c>; its next keys are published earlier than this).
    /// </summary>
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A namespaced claim that only the issuer itself writes, holding the user's verified email: its value
    /// binds the user to entries uploaded under that email. Timesheets.Identity writes
    /// <c>https://api.exampleco.com/email</c>; with Auth0, an Action that sets it only when
    /// <c>event.user.email_verified</c>. Empty: only <c>email</c> with <c>email_verified: true</c> counts.
    /// </summary>
    public string EmailClaim { get; set; } = "https://api.exampleco.com/email";
}

/// <summary>Business rules that operators may tune (section <c>Entries</c>).</summary>
public sealed class EntrySettings
{
    public const string Section = "Entries";

    /// <summary>How far back an entry's date may be, in days.</summary>
    public int MaxDaysInPast { get; set; } = EntryLimits.DefaultMaxDaysInPast;

    /// <summary>How far ahead an entry's date may be, in days.</summary>
    public int MaxDaysInFuture { get; set; } = EntryLimits.DefaultMaxDaysInFuture;

    /// <summary>Largest page a list endpoint returns.</summary>
    public int MaxPageSize { get; set; } = 200;
}

/// <summary>Request size limits (section <c>Limits</c>).</summary>
public sealed class LimitSettings
{
    public const string Section = "Limits";

    /// <summary>Largest JSON body of an ordinary request.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Largest batch upload body: 16 MiB, room for 100,000 CSV rows (about 10 MB). The upload is read as a
    /// stream, so memory does not grow with this limit; it bounds how long one request may hold the
    /// database's write transaction open while its client sends. Larger files are sent in parts (a re-sent
    /// part skips the rows already stored by external id) or allowed here, up to <see cref="MaxUploadCeiling"/>.
    /// </summary>
    public long MaxUploadBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The most <see cref="MaxUploadBytes"/> may be set to: 1 GiB.</summary>
    public const long MaxUploadCeiling = 1L << 30;
}

/// <summary>Per-caller request limits (section <c>RateLimits</c>); a caller over them gets 429 with <c>Retry-After</c>.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Requests one caller (token <c>sub</c>, or the client id of a machine token) may send per window.</summary>
    public int CallerPermits { get; set; } = 10_000;

    /// <summary>Requests without a valid token one client IP (IPv6: one /64) may send per window.</summary>
    public int AnonymousPermits { get; set; } = 1_000;

    /// <summary>The fixed window the permits are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Memory the API may use to answer repeated reads (section <c>Cache</c>).</summary>
public sealed class CacheSettings
{
    public const string Section = "Cache";

    /// <summary>
    /// Megabytes of first pages of <c>GET /timesheets</c> kept in memory (about 25 KB per user with 50
    /// entries); 0 turns the cache off.
    /// </summary>
    public int PageMegabytes { get; set; } = 32;
}

/// <summary>Demo mode (section <c>Demo</c>): seeds a few projects into an empty database.</summary>
public sealed class DemoSettings
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }
}

/// <summary>
/// Checking the people an upload names against the issuer's Management API (section <c>People</c>):
/// <c>GET /api/v2/users-by-email</c> with a client-credentials token of the API's own machine client
/// (<c>timesheets-api</c>, scope <c>read:users</c>). Off by default: an issuer without that API (a
/// third-party OpenID provider) cannot answer it, and uploads then store any well-formed email as before.
/// With Timesheets.Identity (or Auth0, whose Management API has the same path and scope) turn it on.
/// </summary>
public sealed class PeopleSettings
{
    public const string Section = "People";

    public bool Enabled { get; set; }

    /// <summary>The API's machine client at the issuer.</summary>
    public string ManagementClientId { get; set; } = "timesheets-api";

    /// <summary>Its secret (Identity's <c>Clients:ApiSecret</c>); never logged.</summary>
    public string ManagementClientSecret { get; set; } = "";

    /// <summary>How long a user found (blocked or not) is remembered: a user blocked or deleted meanwhile is noticed at most this late.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long "nobody has this email" is remembered: a user invited meanwhile may be uploaded for this soon.</summary>
    public TimeSpan UnknownCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lookups one upload runs at the same time: its distinct emails are resolved in parallel, up to this many.</summary>
    public int MaxConcurrentLookups { get; set; } = 8;

    /// <summary>How long one call to the issuer may take before the upload is answered 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// A PostgreSQL read replica (streaming standby) for the reports and the changes feed, which only
/// read and may trail the primary by the replication lag (section <c>ReadReplica</c>). Empty: they read the primary.
/// </summary>
public sealed class ReadReplicaSettings
{
    public const string Section = "ReadReplica";

    public string ConnectionString { get; set; } = "";
}
