using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Security;

namespace Timesheets.Identity.Sessions;

/// <summary>
/// "Fresh login required" for a sensitive page: put it on the page model. A user whose login is older
/// than <c>Mfa:RecentLoginMaxAge</c> (default 10 minutes), or who has no session, goes through the login
/// page (the password, then the code when they have a second factor) and comes back to the page, as a
/// GET: a form posted with an old login is not carried out, it is shown again.
/// </summary>
/// <example><code>[RequireRecentLogin] public sealed class RotateKeysModel : PageModel { … }</code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequireRecentLoginAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var maxAge = services.GetRequiredService<IOptions<MfaSettings>>().Value.RecentLoginMaxAge;
        var session = await services.GetRequiredService<UserSessions>().FindAsync(http, http.RequestAborted);

        // Whole seconds, as the cookie keeps its issue time.
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        if (session?.AuthenticatedAt is { } loggedIn && now - loggedIn.ToUnixTimeSeconds() <= (long)maxAge.TotalSeconds)
        {
            await next();
            return;
        }

        var logger = services.GetRequiredService<ILogger<SecurityLog.Events>>();
        string path = http.Request.Path;
        SecurityLog.RecentLoginRequired(logger, session?.UserId, path, maxAge);
        var back = http.Request.PathBase + path + http.Request.QueryString;
        context.Result = new ChallengeResult(IdentityConstants.ApplicationScheme, new AuthenticationProperties { RedirectUri = back });
    }
}
