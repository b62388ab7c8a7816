namespace Timesheets.Identity.Security;

/// <summary>
/// Every security event, as structured log entries with stable event ids. Identifiers only:
/// never a password, secret or token.
/// </summary>
internal static partial class SecurityLog
{
    public const string Category = "Timesheets.Identity.Security";

    /// <summary>The category of security events in the logs: <c>Timesheets.Identity.Security.SecurityLog.Events</c>.</summary>
    internal sealed class Events;

    /// <summary>
    /// The category of <see cref="TokenIssued"/> alone (<c>Timesheets.Identity.Security.SecurityLog.IssuedTokens</c>):
    /// one entry per token, thousands a second under load. It goes to the log table (Management API
    /// <c>/api/v2/logs</c>) like every security event; appsettings.json keeps it off the console, where
    /// writing a line per token cost 13 % of the token endpoint's throughput (docs/benchmarks.md).
    /// </summary>
    internal sealed class IssuedTokens;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Login succeeded for user {UserId} from {RemoteIp}")]
    public static partial void LoginSucceeded(ILogger logger, string userId, string? remoteIp);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Login failed for user {UserId} from {RemoteIp}")]
    public static partial void LoginFailed(ILogger logger, string userId, string? remoteIp);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Login failed for an unknown account from {RemoteIp}")]
    public static partial void LoginFailedUnknownUser(ILogger logger, string? remoteIp);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Login refused: user {UserId} is locked out (from {RemoteIp})")]
    public static partial void LoginLockedOut(ILogger logger, string userId, string? remoteIp);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Login blocked for account key {AccountKey} from {ClientAddress} for {Duration} after too many failures")]
    public static partial void LoginPairBlocked(ILogger logger, string accountKey, string clientAddress, TimeSpan duration);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Login refused: too many failures for this account from {ClientAddress}")]
    public static partial void LoginRefusedBlocked(ILogger logger, string clientAddress);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "User {UserId} logged out")]
    public static partial void LoggedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Tokens issued to client {ClientId} by grant {GrantType}")]
    public static partial void TokenIssued(ILogger logger, string clientId, string grantType);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Token request from client {ClientId} by grant {GrantType} rejected: {Error}")]
    public static partial void TokenRequestRejected(ILogger logger, string clientId, string grantType, string error);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Refresh token reuse detected for client {ClientId}: the whole grant was revoked")]
    public static partial void RefreshTokenReuseDetected(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Token revoked by client {ClientId}")]
    public static partial void TokenRevoked(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "User {UserId} allowed a device of client {ClientId} on the activate page")]
    public static partial void DeviceAllowed(ILogger logger, string userId, string clientId);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Information, Message = "User {UserId} denied a device of client {ClientId} on the activate page")]
    public static partial void DeviceDenied(ILogger logger, string userId, string clientId);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Rate limit hit on {Path} from {RemoteIp}")]
    public static partial void RateLimited(ILogger logger, string path, string? remoteIp);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "User {UserId} enrolled an authenticator app (two-factor authentication on)")]
    public static partial void MfaEnrolled(ILogger logger, string userId);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "User {UserId} turned two-factor authentication off")]
    public static partial void MfaDisabled(ILogger logger, string userId);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Warning, Message = "Second-factor code failed for user {UserId} from {RemoteIp}")]
    public static partial void MfaCodeFailed(ILogger logger, string userId, string? remoteIp);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Warning, Message = "User {UserId} logged in with a recovery code; {Remaining} left")]
    public static partial void RecoveryCodeUsed(ILogger logger, string userId, int remaining);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Warning, Message = "Second factor of user {UserId} reset: authenticator, recovery codes and sessions removed")]
    public static partial void MfaReset(ILogger logger, string userId);

    [LoggerMessage(EventId = 1035, Level = LogLevel.Information, Message = "User {UserId} must enrol a second factor before logging in (role requires it)")]
    public static partial void MfaEnrolmentRequired(ILogger logger, string userId);

    [LoggerMessage(EventId = 1036, Level = LogLevel.Information, Message = "Password accepted for user {UserId} from {RemoteIp}; waiting for the second factor")]
    public static partial void MfaCodeRequested(ILogger logger, string userId, string? remoteIp);

    [LoggerMessage(EventId = 1037, Level = LogLevel.Information, Message = "User {UserId} changed their password")]
    public static partial void PasswordChanged(ILogger logger, string userId);

    [LoggerMessage(EventId = 1038, Level = LogLevel.Information, Message = "User {UserId} revoked authorization {AuthorizationId} of client {ClientId}")]
    public static partial void AuthorizationRevoked(ILogger logger, string userId, string authorizationId, string? clientId);

    [LoggerMessage(EventId = 1039, Level = LogLevel.Information, Message = "Fresh login required for {Path}: the session of user {UserId} is older than {MaxAge}")]
    public static partial void RecentLoginRequired(ILogger logger, string? userId, string path, TimeSpan maxAge);
}
