using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Timesheets.ServiceDefaults;

/// <summary>The two transport settings every service has, in its own settings section.</summary>
public interface ITransportSettings
{
    /// <summary>Refuse plain-HTTP requests and send HSTS (production). Off only in demo and test runs.</summary>
    bool RequireHttps { get; }

    /// <summary>Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto/For headers.</summary>
    bool BehindProxy { get; }
}

public static class TransportSecurity
{
    /// <summary>
    /// HTTPS outside demo mode: with <see cref="ITransportSettings.RequireHttps"/> (every service's default) a
    /// plain-HTTP request is refused with a 400 problem before anything reads its credentials or
    /// body, and HSTS is sent; behind a declared reverse proxy the forwarded scheme and client
    /// address are trusted instead. Health probes are answered over HTTP too (they carry no
    /// credentials and orchestrators call them on the pod address).
    /// </summary>
    public static WebApplication UseTransportSecurity<TSettings>(this WebApplication app) where TSettings : class, ITransportSettings
    {
        var settings = app.Services.GetRequiredService<IOptions<TSettings>>().Value;
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

        // Not redirected: a client that sent a password or token over plain HTTP must learn it, not be silently upgraded.
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "HTTPS required",
                Detail = "This service is served over HTTPS only.",
            },
        });
    }
}
