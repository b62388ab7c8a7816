namespace Timesheets.Identity.Management.Logs;

/// <summary>
/// One entry of the log behind <c>/api/v2/logs</c>: a security event (login, failed login, token,
/// reuse, block…) or an administrative change, with who did it, from where, and for a change the
/// state before and after as JSON. Types are Auth0's log event codes where one exists
/// (<c>s</c> login, <c>f</c> failed login, <c>sapi</c> management API change…), see <see cref="LogTypes"/>.
/// Times are Unix milliseconds, comparable in SQL on SQLite and PostgreSQL alike.
/// </summary>
public sealed class LogEvent
{
    public long Id { get; set; }

    public long At { get; set; }

    public string Type { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Who acted: a user id, or for a machine client its client id.</summary>
    public string? ActorId { get; set; }

    /// <summary>The actor's email or name as it was then.</summary>
    public string? ActorName { get; set; }

    public string? ClientId { get; set; }

    public string? Ip { get; set; }

    /// <summary>What was changed: <c>user</c>, <c>role</c>, <c>client</c>, <c>resource_server</c>, <c>signing_key</c>.</summary>
    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    /// <summary>The target before the change, as JSON; null for a creation or an event.</summary>
    public string? Before { get; set; }

    /// <summary>The target after the change, as JSON; null for a deletion or an event.</summary>
    public string? After { get; set; }
}

/// <summary>Log event types, Auth0's codes where it has one.</summary>
public static class LogTypes
{
    public const string Login = "s";
    public const string FailedLogin = "f";
    public const string FailedLoginUnknownUser = "fu";
    public const string BlockedAccount = "limit_wc";
    public const string Logout = "slo";
    public const string TokenExchange = "seacft";
    public const string FailedTokenExchange = "feacft";
    public const string RefreshReuse = "ferrt";

    /// <summary>Tokens by client credentials, refresh token, authorization code (or device code), and their failures.</summary>
    public const string ClientCredentialsExchange = "seccft";
    public const string FailedClientCredentialsExchange = "feccft";
    public const string RefreshTokenExchange = "sertft";
    public const string FailedRefreshTokenExchange = "fertft";

    public const string TokenRevoked = "srrt";

    /// <summary>Ours (Auth0 has only the failure codes): a user allowed a device on /activate.</summary>
    public const string DeviceAllowed = "sdeac";

    /// <summary>A user denied a device on /activate.</summary>
    public const string DeviceDenied = "fdecc";

    public const string RateLimited = "api_limit";

    /// <summary>Ours: another security event, a warning or an information.</summary>
    public const string OtherWarning = "w";
    public const string OtherInformation = "i";
    public const string ManagementApiChange = "sapi";
    public const string AdminPageChange = "sadm";
}
