using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;

namespace Timesheets.Identity.Hosting;

internal static class TransportSettings
{
    public static bool RequireHttps(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<IdentitySettings>>().Value.RequireHttps;

    public static bool BehindProxy(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<IdentitySettings>>().Value.BehindProxy;
}
