using Timesheets.Identity.Configuration;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Security;

internal static class CorsExtensions
{
    /// <summary>The PWA's origins may call token, userinfo, revocation and discovery from the browser.</summary>
    public static IServiceCollection AddIdentityCors(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, IdentitySettings.Section, new IdentitySettingsValidator());
        return services.AddCors(options => options.AddDefaultPolicy(policy =>
            policy.WithOrigins(settings.CorsOrigins).WithMethods("GET", "POST").WithHeaders("Authorization", "Content-Type")));
    }
}
