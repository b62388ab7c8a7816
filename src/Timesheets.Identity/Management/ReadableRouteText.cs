using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Management;

/// <summary>
/// Route values and query values of the Management API (an id, <c>q</c>, <c>email</c>) go to the
/// database as lookup keys: they must pass <see cref="RequestText"/> as body strings do, or the
/// request is a 400 naming the parameter (<c>/users/%00</c> would otherwise fail in PostgreSQL, a 500).
/// </summary>
internal sealed class ReadableRouteText : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var values = request.RouteValues.Select(v => (v.Key, Value: v.Value as string))
            .Concat(request.Query.SelectMany(q => q.Value.Select(v => (q.Key, Value: v)).Append((q.Key, Value: q.Key))));
        foreach (var (name, value) in values)
        {
            if (value is not null && RequestText.Problem(value) is { } problem)
            {
                var field = RequestText.Problem(name) is null ? name : "query";
                return AdminError.Invalid(field, problem).ToHttp();
            }
        }

        return await next(context);
    }
}
