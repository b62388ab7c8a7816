using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Users;

/// <summary>
/// Records each user the first time this instance sees their token, and hands them the entries a
/// batch job uploaded under their email before the API knew their <c>sub</c>.
/// </summary>
internal sealed class UserDirectory(NewestPageCache pages)
{
    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);

    public async Task EnsureKnownAsync(ApiDataContext db, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Email is null || caller.Sub.Length == 0 || (_seen.TryGetValue(caller.Sub, out var email) && email == caller.Email))
        {
            return;
        }

        var user = await db.Users.FindAsync([caller.Sub], cancellationToken);
        if (user is null)
        {
            db.Users.Add(new KnownUser { Sub = caller.Sub, Email = caller.Email, FirstSeenAt = DateTime.UtcNow });
        }
        else
        {
            user.Email = caller.Email;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same user at the same moment: nothing left to do.
            db.ChangeTracker.Clear();
        }

        var handed = await db.Entries.Where(e => e.OwnerSub == null && e.OwnerEmail == caller.Email)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.OwnerSub, caller.Sub), cancellationToken);
        await db.Changes.Where(c => c.OwnerSub == null && c.OwnerEmail == caller.Email)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerSub, caller.Sub), cancellationToken);
        if (handed > 0)
        {
            // Committed (each statement is its own transaction): their first page has changed.
            pages.Changed(caller.Sub);
        }

        _seen[caller.Sub] = caller.Email;
    }

    /// <summary>The <c>sub</c> of a user named by email, when the API has seen them.</summary>
    public static Task<string?> FindSubAsync(ApiDataContext db, string email, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Sub).FirstOrDefaultAsync(cancellationToken);
}

internal static class UserDirectoryExtensions
{
    public static IApplicationBuilder UseUserDirectory(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var caller = context.RequestServices.GetRequiredService<Caller>();
            var db = context.RequestServices.GetRequiredService<ApiDataContext>();
            await context.RequestServices.GetRequiredService<UserDirectory>().EnsureKnownAsync(db, caller, context.RequestAborted);
        }

        await next(context);
    });
}
