using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.Users;

internal static class UserResponses
{
    /// <summary>Blocking is a lockout that never ends; Identity's own lockout is not used for failed logins.</summary>
    public static bool IsBlocked(this ApplicationUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now;

    public static ManagementUser ToResponse(this ApplicationUser user, DateTimeOffset now) => new()
    {
        UserId = user.Id,
        Email = user.Email,
        EmailVerified = user.EmailConfirmed,
        Name = user.DisplayName,
        Nickname = user.Nickname,
        Picture = user.PictureUrl,
        Blocked = user.IsBlocked(now),
        Contractor = user.IsContractor,
        CreatedAt = user.CreatedAt,
        UpdatedAt = user.UpdatedAt,
        LastLogin = user.LastLoginAt,
        LoginsCount = user.LoginsCount,
        Multifactor = user.TwoFactorEnabled ? ["totp"] : [],
    };
}
