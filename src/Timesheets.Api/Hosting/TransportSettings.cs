using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Hosting;

internal static class TransportSettings
{
    public static bool RequireHttps(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<ApiSettings>>().Value.RequireHttps;

    public static bool BehindProxy(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<ApiSettings>>().Value.BehindProxy;
}
