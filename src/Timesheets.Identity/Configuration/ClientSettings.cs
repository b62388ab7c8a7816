namespace Timesheets.Identity.Configuration;

/// <summary>The applications registered out of the box (section <c>Clients</c>).</summary>
public sealed class ClientSettings
{
    public const string Section = "Clients";

    /// <summary>Secret of the <c>timesheets-import</c> machine client; never logged, stored hashed.</summary>
    public string ImportSecret { get; set; } = "";

    /// <summary>
    /// Secret of the <c>timesheets-api</c> machine client, with which the Timesheets API looks up the people an
    /// upload names (Management API, <c>read:users</c> only; the API's <c>People:ManagementClientSecret</c>).
    /// Empty: the client is not registered (and one registered earlier is removed). Never logged, stored hashed.
    /// </summary>
    public string ApiSecret { get; set; } = "";
}

/// <summary>Demo mode (section <c>Demo</c>): demo users exist only when enabled.</summary>
public sealed class DemoSettings
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>The password every demo user gets; the run command prints it.</summary>
    public string Password { get; set; } = "";
}

/// <summary>Per-IP rate limits (section <c>RateLimits</c>).</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Login form posts per IP per window.</summary>
    public int LoginPermits { get; set; } = 30;

    /// <summary>Token, revocation requests per IP per window.</summary>
    public int TokenPermits { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
