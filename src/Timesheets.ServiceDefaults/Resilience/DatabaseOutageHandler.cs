using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Timesheets.ServiceDefaults.Resilience;

/// <summary>
/// While the database is down every request that needs it ends here: 503 with <c>Retry-After</c>
/// and a problem body, never a 500, so clients and load balancers know to come back. The services
/// need no restart when it returns: the next request opens a new connection.
/// A service may register a handler before this one for endpoints that answer in another format
/// (Identity's OAuth endpoints: <c>temporarily_unavailable</c>), using <see cref="Prepare"/>.
/// </summary>
public sealed partial class DatabaseOutageHandler(IProblemDetailsService problems, ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Prepare(httpContext, exception, logger))
        {
            return false;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The database is not reachable; try again in {DatabaseOutage.RetryAfterSeconds} seconds (a write with the same Idempotency-Key, so it is stored once).",
            },
        });
    }

    /// <summary>
    /// For an outage (and a response not yet started): logs it, drops dead pooled connections, and
    /// sets 503 and <c>Retry-After</c>; the caller writes the body.
    /// </summary>
    public static bool Prepare(HttpContext httpContext, Exception exception, ILogger logger)
    {
        if (httpContext.Response.HasStarted || !DatabaseOutage.Is(exception))
        {
            return false;
        }

        LogOutage(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        if (DatabaseOutage.BrokeConnections(exception))
        {
            NpgsqlConnection.ClearAllPools();
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {Method} {Path} answered 503 ({Reason}).")]
    private static partial void LogOutage(ILogger logger, string method, string path, string reason);
}
