using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Primitives;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Hosting;

/// <summary>
/// The account pages (login, consent, logout) take form fields and query values through
/// <see cref="RequestText"/> like every other input: an email with a NUL in it would reach
/// PostgreSQL as a lookup key and fail there (a 500). Any unreadable key or value is a 400
/// before the page's handler runs; nothing is looked up, counted or stored.
/// </summary>
internal sealed class ReadablePageInput : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (Unreadable(request.Query) || (request.HasFormContentType && Unreadable(await request.ReadFormAsync(context.HttpContext.RequestAborted))))
        {
            context.Result = new BadRequestResult();
            return;
        }

        await next();
    }

    private static bool Unreadable(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.Any(pair => RequestText.Problem(pair.Key) is not null || pair.Value.Any(v => v is not null && RequestText.Problem(v) is not null));
}

internal static class AccountPagesExtensions
{
    /// <summary>Razor Pages for the account screens, every page's input checked by <see cref="ReadablePageInput"/>.</summary>
    public static IServiceCollection AddAccountPages(this IServiceCollection services)
    {
        services.AddRazorPages(options => options.Conventions.ConfigureFilter(new ReadablePageInput()));
        return services;
    }
}
