using Timesheets.Api.Data;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Users;

internal static class UserDirectoryExtensions
{
    /// <summary>The directory is one per instance: it remembers whom this instance has already recorded.</summary>
    public static IServiceCollection AddUserDirectory(this IServiceCollection services) => services.AddSingleton<UserDirectory>();

    /// <summary>
    /// Before each authenticated request: records the caller, hands over their uploaded entries, and
    /// answers 403 to a caller whose verified email belongs to another user.
    /// </summary>
    public static IApplicationBuilder UseUserDirectory(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var caller = context.RequestServices.GetRequiredService<Caller>();
            var db = context.RequestServices.GetRequiredService<ApiDataContext>();
            if (!await context.RequestServices.GetRequiredService<UserDirectory>().EnsureKnownAsync(db, caller, context.RequestAborted))
            {
                await UserProblems.WriteEmailTakenAsync(context);
                return;
            }
        }

        await next(context);
    });
}
