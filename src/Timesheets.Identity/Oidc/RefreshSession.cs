using System.Globalization;
using System.Security.Claims;
using OpenIddict.Abstractions;
using Timesheets.Identity.Configuration;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// The absolute and idle lifetimes of a login's refresh tokens (RFC 9700 §4.14.2). OpenIddict gives
/// every rotated refresh token a fresh lifetime, so a stolen token used often enough would never die.
/// The time of the code exchange travels inside the refresh tokens as a private claim (no destination:
/// it never reaches an access or ID token), and each new refresh token lives for the idle lifetime,
/// cut short at the absolute end; past either, OpenIddict refuses the token with <c>invalid_grant</c>.
/// </summary>
internal static class RefreshSession
{
    /// <summary>Unix seconds of the code exchange that started this chain of refresh tokens.</summary>
    public const string StartedClaim = "ts_session_started";

    /// <summary>
    /// When the session of <paramref name="grant"/> started: now for a code exchange; for a refresh, the
    /// carried time (a token issued before this claim existed starts its session at this refresh).
    /// </summary>
    public static DateTimeOffset Started(ClaimsPrincipal grant, bool isRefresh, DateTimeOffset now) =>
        isRefresh && grant.GetClaim(StartedClaim) is { } value &&
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : now;

    /// <summary>How long the session has left; zero or less once the absolute lifetime is over.</summary>
    public static TimeSpan Remaining(DateTimeOffset started, DateTimeOffset now, IdentitySettings settings) =>
        started + settings.RefreshTokenAbsoluteLifetime - now;

    /// <summary>Carries the start into the new refresh token and caps its lifetime at the session's end.</summary>
    public static void Apply(ClaimsPrincipal principal, DateTimeOffset started, TimeSpan remaining, IdentitySettings settings)
    {
        principal.SetClaim(StartedClaim, started.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        principal.SetRefreshTokenLifetime(remaining < settings.RefreshTokenLifetime ? remaining : settings.RefreshTokenLifetime);
    }
}
