using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Timesheets.Api.Configuration;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Security;

/// <summary>
/// Per-caller fixed windows (<c>RateLimits</c>): one caller cannot take the API from the others. The
/// caller is the token's <c>sub</c>, or the client id of a machine token (a client-credentials token
/// whose <c>sub</c> is its client); requests without a valid token share one window per client IP
/// (IPv6 per /64, what one host is usually given). Over the limit: 429, <c>Retry-After</c>, a problem.
/// Runs after authentication, so a bogus token counts against its IP, not against the user it names.
/// </summary>
internal static partial class RateLimits
{
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, RateLimitSettings.Section, new RateLimitSettingsValidator());
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var caller = CallerKey(http);
                return RateLimitPartition.GetFixedWindowLimiter(caller ?? "ip:" + ClientAddress.Key(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = caller is null ? settings.AnonymousPermits : settings.CallerPermits,
                    Window = settings.Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>The partition of an authenticated caller, or null for a request without a valid token.</summary>
    internal static string? CallerKey(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var sub = http.User.FindFirst("sub")?.Value ?? "";
        var clientId = http.User.FindFirst("client_id")?.Value ?? http.User.FindFirst("azp")?.Value;
        // Identity's client-credentials tokens carry sub = client id; Auth0's "<client id>@clients" and gty.
        var machine = clientId is not null && (sub == clientId || sub == clientId + "@clients" || http.User.FindFirst("gty")?.Value == "client-credentials");
        return machine ? "client:" + clientId : "sub:" + sub;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRejected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits)), CallerKey(http) ?? "anonymous", http.Request.Path);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This caller sent more requests than the API allows; retry after {seconds} s (Retry-After).",
            },
        });
    }

    [LoggerMessage(1, LogLevel.Warning, "Rate limit reached by {Partition} at {Path}")]
    private static partial void LogRejected(ILogger logger, string partition, string path);
}
