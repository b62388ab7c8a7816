using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.Invitations;
using Timesheets.Identity.Management.Logs;
using Timesheets.Identity.Management.Users;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Seeding;

/// <summary>
/// <c>create-admin EMAIL</c>: an operator's first run. Creates the user (or finds it), gives it the
/// Admin role and prints a one-time set-password link under the issuer's address, so a production
/// install never needs demo mode to get its first administrator. The link goes to the console only.
/// </summary>
internal static class CreateAdmin
{
    public const string Usage = "usage: create-admin EMAIL";

    /// <returns>The process exit code: 0, or 1 with the reason on <paramref name="error"/>.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string? email, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (UserInput.EmailProblem(email) is { } problem)
        {
            await error.WriteLineAsync($"{problem} {Usage}");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        email = email!.Trim();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        user ??= new ApplicationUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], CreatedAt = now, UpdatedAt = now };
        var result = created ? await users.CreateAsync(user) : IdentityResult.Success;
        if (result.Succeeded && !await users.IsInRoleAsync(user, Roles.Admin))
        {
            var before = created ? [] : await users.GetRolesAsync(user);
            result = await users.AddToRoleAsync(user, Roles.Admin);
            scope.ServiceProvider.GetRequiredService<AdminLog>().Record($"create-admin: {email} made an administrator", "user", user.Id,
                created ? null : new { email, roles = before }, new { email, roles = before.Append(Roles.Admin) });
            await db.SaveChangesAsync(cancellationToken);
        }

        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"Could not make {email} an administrator: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            return 1;
        }

        await transaction.CommitAsync(cancellationToken);
        var link = await scope.ServiceProvider.GetRequiredService<SetPasswordLinks>().InvitationAsync(user);
        var lifetime = scope.ServiceProvider.GetRequiredService<IOptions<InvitationSettings>>().Value.Lifetime;
        await output.WriteLineAsync($"{email} is {(created ? "created as" : "now")} an administrator. Open this link to set the password (it works once, for {lifetime.TotalDays:0.#} days):");
        await output.WriteLineAsync(link);
        if (user.IsBlocked(now))
        {
            await output.WriteLineAsync("Note: this account is blocked; unblock it on the admin pages before it can log in.");
        }

        return 0;
    }
}
