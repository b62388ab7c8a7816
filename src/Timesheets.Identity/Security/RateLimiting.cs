using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Oidc;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Security;

/// <summary>
/// Per-IP fixed windows on the login form, the device activation page (each code typed there is a
/// guess at someone's device, RFC 8628 §5.1), and the token, revocation and device authorization endpoints; a client over
/// the limit gets 429 with <c>Retry-After</c>. A global limiter, because OpenIddict answers its
/// endpoints inside the authentication middleware, before endpoint routing would apply a policy.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddLoginRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, RateLimitSettings.Section, new RateLimitSettingsValidator());
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // After the forwarded-headers step: the client's own address (IPv6 by /64), not a header it sent.
                var ip = ClientAddress.Key(http);
                return Bucket(http.Request) switch
                {
                    "login" => Window("login:" + ip, settings.LoginPermits, settings.Window),
                    "activate" => Window("activate:" + ip, settings.LoginPermits, settings.Window),
                    "token" => Window("token:" + ip, settings.TokenPermits, settings.Window),
                    _ => RateLimitPartition.GetNoLimiter("none"),
                };
            });
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static string? Bucket(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments(OidcPaths.EndUserVerification, StringComparison.OrdinalIgnoreCase) &&
            (HttpMethods.IsPost(request.Method) || request.Query.ContainsKey(Parameters.UserCode)))
        {
            return "activate";
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        // The login steps (password, second factor, enrolment) and the account forms that take a password or code.
        if (path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/account/password", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/account/mfa", StringComparison.OrdinalIgnoreCase))
        {
            return "login";
        }

        return OidcPaths.IsClientEndpoint(path) ? "token" : null;
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        SecurityLog.RateLimited(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category),
            http.Request.Path, http.Connection.RemoteIpAddress?.ToString());

        if (Bucket(http.Request) == "token")
        {
            // OAuth endpoints answer with an RFC 6749 error body.
            await OAuthErrors.WriteAsync(http.Response, StatusCodes.Status429TooManyRequests, Errors.TemporarilyUnavailable,
                "Too many requests from this address; retry after the time in the Retry-After header.", cancellationToken);
            return;
        }

        var what = Bucket(http.Request) == "activate" ? "device codes tried" : "login attempts";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            "<title>Too many attempts</title></head><body><main><h1>Too many attempts</h1>" +
            $"<p>Too many {what} from your network. Wait a minute, then try again.</p></main></body></html>", cancellationToken);
    }
}
