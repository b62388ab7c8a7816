using System.Net;
using IPNetwork = System.Net.IPNetwork;
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

    /// <summary>The proxies whose forwarded headers are trusted: addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>).</summary>
    string[] TrustedProxies { get; }
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
            // Only the configured proxies are believed, hop by hop from the right: the client is the
            // right-most address no trusted proxy vouches for, so a client cannot pick its own address
            // (and rate-limit bucket) by sending X-Forwarded-For itself. No limit on hops: each one is checked.
            var forwarded = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
                ForwardLimit = null,
            };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var entry in settings.TrustedProxies)
            {
                if (TryParseProxy(entry, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }

            app.UseForwardedHeaders(forwarded);
        }

        if (settings.RequireHttps)
        {
            app.UseHsts();
            app.Use(RefusePlainHttpAsync);
        }

        return app;
    }

    /// <summary>
    /// The rules of the transport settings, for each service's settings validator: behind a proxy
    /// at least one trusted proxy, each an address or a CIDR network.
    /// </summary>
    public static IEnumerable<string> Validate(ITransportSettings settings, string section)
    {
        if (settings.BehindProxy && settings.TrustedProxies.Length == 0)
        {
            yield return $"{SettingsReader.Env(section + ":TrustedProxies:0")} must list the reverse proxy's address or network (e.g. 10.0.0.0/8) when {section}:BehindProxy is true: forwarded headers are believed only from these senders.";
        }

        foreach (var entry in settings.TrustedProxies)
        {
            if (!TryParseProxy(entry, out _))
            {
                yield return $"'{entry}' in {section}:TrustedProxies is neither an IP address nor a CIDR network such as 10.0.0.0/8.";
            }
        }
    }

    /// <summary>A single address is a network of one (/32 or /128).</summary>
    private static bool TryParseProxy(string entry, out IPNetwork network)
    {
        if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
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
