using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;

namespace Timesheets.Identity.Hosting;

internal static class TransportSecurity
{
    /// <summary>
    /// HTTPS outside demo mode: with <c>Identity:RequireHttps</c> (the default) plain-HTTP requests
    /// are refused by OpenIddict and HSTS is sent; behind a declared reverse proxy the forwarded
    /// scheme and client address are trusted instead.
    /// </summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<IdentitySettings>>().Value;
        if (settings.BehindProxy)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            // The proxy is declared by configuration, not by address: the deployment puts it in front.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        if (settings.RequireHttps)
        {
            app.UseHsts();
        }

        return app;
    }
}
