namespace Timesheets.Api.Security;

internal static class NoStore
{
    /// <summary>
    /// Every answer to an authenticated request carries someone's data (entries, reports, the audit
    /// trail, who they are) or says something about it: <c>Cache-Control: no-store</c>, so no shared
    /// or browser cache keeps it (ASVS V8.2.1). Set when the response starts, so error responses
    /// written by the exception handler (which clears headers) carry it too. The first page's ETag
    /// still works: an app that keeps the page itself sends <c>If-None-Match</c> and gets 304.
    /// </summary>
    public static IApplicationBuilder UseNoStoreForCallers(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            context.Response.OnStarting(static state =>
            {
                ((HttpResponse)state).Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            }, context.Response);
        }

        return next(context);
    });
}
