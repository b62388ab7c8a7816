using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Hosting;

internal static class TransportSecurity
{
    /// <summary>
    /// HTTPS outside demo mode, as in Identity: with <c>Api:RequireHttps</c> (the default) a
    /// plain-HTTP request is refused with a 400 problem before anything reads its token or body,
    /// and HSTS is sent; behind a declared reverse proxy the forwarded scheme and client address
    /// are trusted instead. Health probes are answered over HTTP too (they carry no credentials
    /// and orchestrators call them on the pod address).
    /// </summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<ApiSettings>>().Value;
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
            app.Use(RefusePlainHttpAsync);
        }

        return app;
    }

    private static async Task RefusePlainHttpAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        // Not redirected: a client that sent a bearer token over plain HTTP must learn it, not be silently upgraded.
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "HTTPS required",
                Detail = "This API is served over HTTPS only.",
            },
        });
    }
}
