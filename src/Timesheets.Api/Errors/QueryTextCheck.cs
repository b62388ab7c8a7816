using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Errors;

internal static class QueryTextCheck
{
    /// <summary>
    /// Every query parameter's name and value is text a handler may hand to the database (a project
    /// name, an audit entity id): it must pass <see cref="RequestText"/> like a body's strings, or
    /// the request is a 400 naming the parameter (<c>?project=%00</c> was a 500 on PostgreSQL).
    /// Escapes that are not UTF-8 (<c>%FF</c>, overlong <c>%C0%AF</c>, an encoded surrogate) ASP.NET
    /// leaves undecoded, so they arrive as the plain text <c>%FF</c>, which is harmless.
    /// </summary>
    public static IApplicationBuilder UseQueryTextCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.QueryString.HasValue)
        {
            foreach (var (name, values) in context.Request.Query)
            {
                foreach (var text in values.Prepend(name))
                {
                    if (Problem(text) is { } problem)
                    {
                        await Results.ValidationProblem(new Dictionary<string, string[]> { [Problem(name) is null ? name : "query"] = [problem] })
                            .ExecuteAsync(context);
                        return;
                    }
                }
            }
        }

        await next(context);
    });

    private static string? Problem(string? text) => text is null ? null : RequestText.Problem(text);
}
