using Microsoft.AspNetCore.Diagnostics;
using Timesheets.Identity.Oidc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Hosting;

/// <summary>
/// OpenIddict reads the form itself and lets the form reader's InvalidDataException (a key over
/// 2,048 characters, undecodable bytes) escape, which would be a 500. It is a malformed request:
/// answer as RFC 6749 does, 400 invalid_request. The Management API's JSON bodies are answered
/// with problems instead (<c>JsonRequests</c>).
/// </summary>
internal sealed class MalformedRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (InvalidDataException or BadHttpRequestException) || httpContext.Response.HasStarted ||
            Management.ManagementApi.IsManagementPath(httpContext.Request.Path))
        {
            return false;
        }

        await OAuthErrors.WriteAsync(httpContext.Response, StatusCodes.Status400BadRequest, Errors.InvalidRequest,
            "The request could not be read.", cancellationToken);
        return true;
    }
}
