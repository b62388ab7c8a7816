using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Security;

internal static class CallerRegistration
{
    /// <summary>Makes the validated caller injectable into handlers as <see cref="Caller"/>.</summary>
    public static IServiceCollection AddCaller(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>().HttpContext
                ?? throw new InvalidOperationException("The caller is known only during a request.");
            return http.User.ToCaller(sp.GetRequiredService<IOptions<AuthSettings>>().Value.EmailClaim);
        });
        return services;
    }
}
