using Microsoft.AspNetCore.Diagnostics;
using Timesheets.Identity.Oidc;
using Timesheets.ServiceDefaults.Resilience;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Hosting;

/// <summary>
/// While the database is down, a client at the token, revocation, device or userinfo endpoint gets
/// what RFC 6749 names for it: 503 <c>temporarily_unavailable</c>, with <c>Retry-After</c>, which OAuth
/// libraries understand; every other path gets the shared 503 problem (<see cref="DatabaseOutageHandler"/>).
/// </summary>
internal sealed class OAuthOutageHandler(ILogger<OAuthOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Request.Path;
        if (!(OidcPaths.IsClientEndpoint(path) || path.StartsWithSegments(OidcPaths.UserInfo, StringComparison.OrdinalIgnoreCase))
            || !DatabaseOutageHandler.Prepare(httpContext, exception, logger))
        {
            return false;
        }

        await OAuthErrors.WriteAsync(httpContext.Response, StatusCodes.Status503ServiceUnavailable, Errors.TemporarilyUnavailable,
            $"The authorization server cannot reach its database; try again in {DatabaseOutage.RetryAfterSeconds} seconds.", cancellationToken);
        return true;
    }
}
