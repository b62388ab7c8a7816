using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.Invitations;
using Timesheets.Identity.Management.Logs;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Security;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.Users;

/// <summary>
/// Everything an admin does to users, for the Management API and the admin pages alike. Each change
/// is written with its log entry in one <c>SaveChanges</c> (or one transaction when it takes several
/// writes), so a refused or failed change leaves neither half of itself nor a log line behind.
/// </summary>
internal sealed partial class UserAdmin(
    UserManager<ApplicationUser> users,
    IdentityDataContext db,
    AdminLog log,
    SetPasswordLinks links,
    InvitationMail mail,
    LoginThrottle throttle,
    TwoFactorReset twoFactorReset,
    TimeProvider clock)
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 100;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Users whose e-mail or name contains <paramref name="q"/> (any case), by e-mail, one page.</summary>
    public async Task<AdminResult<ManagementUserPage>> ListAsync(string? q, int page, int perPage, CancellationToken cancellationToken)
    {
        if (page < 0)
        {
            return AdminError.Invalid("page", "page counts from 0.");
        }

        if (perPage is < 1 or > MaxPerPage)
        {
            return AdminError.Invalid("per_page", $"per_page must be between 1 and {MaxPerPage}.");
        }

        if ((long)page * perPage > int.MaxValue)
        {
            return AdminError.Invalid("page", "page is past the end of any list.");
        }

        var query = db.Users.AsNoTracking();
        if (q?.Trim() is { Length: > 0 } term)
        {
            // Upper-cased on both sides: NormalizedEmail already is, and SQLite's LIKE and instr differ in case rules.
            var upper = term.ToUpperInvariant();
#pragma warning disable CA1862 // translated to SQL: upper() on both sides, no StringComparison overload exists there
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToUpper().Contains(upper));
#pragma warning restore CA1862
        }

        var total = await query.CountAsync(cancellationToken);
        var found = await query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip(page * perPage).Take(perPage).ToListAsync(cancellationToken);
        var now = Now;
        return AdminResult<ManagementUserPage>.Success(
            new ManagementUserPage(page * perPage, perPage, found.Count, total, [.. found.Select(u => u.ToResponse(now))]));
    }

    public async Task<AdminResult<ManagementUser>> GetAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } user
            ? AdminResult<ManagementUser>.Success(user.ToResponse(Now))
            : AdminError.NotFound("user");

    /// <summary>The users with exactly this e-mail (any case): none or one. Blocked users too, marked so.</summary>
    public async Task<AdminResult<IReadOnlyList<ManagementUser>>> ByEmailAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return AdminError.Invalid("email", "email is required.");
        }

        var normalized = users.NormalizeEmail(email.Trim());
        var found = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).ToListAsync(cancellationToken);
        var now = Now;
        return AdminResult<IReadOnlyList<ManagementUser>>.Success([.. found.Select(u => u.ToResponse(now))]);
    }

    /// <summary>Changes the fields present in <paramref name="change"/>. Blocking also ends the user's sessions; the last admin cannot be blocked.</summary>
    public async Task<AdminResult<ManagementUser>> UpdateAsync(string id, UpdateUserRequest change, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } user)
        {
            return AdminError.NotFound("user");
        }

        if (UserInput.ProfileProblems(change) is { } problems)
        {
            return AdminError.Invalid(problems);
        }

        var now = Now;
        var before = user.ToResponse(now);
        if (change.Blocked == true && await LastAdminRefusalAsync(user, "block", cancellationToken) is { } lastAdmin)
        {
            return lastAdmin;
        }

        user.DisplayName = change.Name?.Trim() ?? user.DisplayName;
        user.Nickname = change.Nickname is null ? user.Nickname : UserInput.Optional(change.Nickname);
        user.PictureUrl = change.Picture is null ? user.PictureUrl : UserInput.Optional(change.Picture);
        user.IsContractor = change.Contractor ?? user.IsContractor;
        user.EmailConfirmed = change.EmailVerified ?? user.EmailConfirmed;
        var blocking = change.Blocked == true && !before.Blocked;
        if (change.Blocked is { } blocked)
        {
            user.LockoutEnabled = true;
            user.LockoutEnd = blocked ? DateTimeOffset.MaxValue : null;
        }

        user.UpdatedAt = now;
        var after = user.ToResponse(now);
        log.Record(Describe(before, after), "user", user.Id, before, after);
        // A new security stamp ends the blocked user's sessions (the cookie carries the old one) and links.
        var saved = blocking ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        return saved.Succeeded ? AdminResult<ManagementUser>.Success(after) : saved.ToAdminError("user");
    }

    /// <summary>Deletes the user; their refresh tokens stop working at the next use. Never the caller's own account, nor the last admin.</summary>
    public async Task<AdminResult<ManagementUser>> DeleteAsync(string id, string? actorId, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } user)
        {
            return AdminError.NotFound("user");
        }

        if (string.Equals(user.Id, actorId, StringComparison.Ordinal))
        {
            return AdminError.Conflict("You cannot delete your own account.");
        }

        if (await LastAdminRefusalAsync(user, "delete", cancellationToken) is { } lastAdmin)
        {
            return lastAdmin;
        }

        var before = user.ToResponse(Now);
        log.Record($"Deleted user {user.Email}", "user", user.Id, before, null);
        var deleted = await users.DeleteAsync(user);
        return deleted.Succeeded ? AdminResult<ManagementUser>.Success(before) : deleted.ToAdminError("user");
    }

    /// <summary>A user by id; null for an unknown id (route values are checked for readable text before they get here).</summary>
    private async Task<ApplicationUser?> FindAsync(string id, CancellationToken cancellationToken) =>
        id.Length is 0 or > 450 ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    private static string Describe(ManagementUser before, ManagementUser after) =>
        (before.Blocked, after.Blocked) switch
        {
            (false, true) => $"Blocked user {after.Email}",
            (true, false) => $"Unblocked user {after.Email}",
            _ => $"Updated user {after.Email}",
        };
}
