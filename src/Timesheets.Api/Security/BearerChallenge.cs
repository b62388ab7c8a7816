using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace Timesheets.Api.Security;

/// <summary>401 with RFC 6750 <c>invalid_token</c> and a problem+json body (PRODUCT.md §3).</summary>
internal static class BearerChallenge
{
    public static async Task WriteAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        // The reason stays in the server log; the client learns only that the token was not accepted.
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "A valid bearer access token is required.");
    }

    public static async Task WriteProblemAsync(HttpContext http, int status, string detail)
    {
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}

/// <summary>403 with <c>insufficient_scope</c> naming the scope the endpoint needs.</summary>
internal sealed class ScopeForbiddenHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var scopes = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Where(ApiScopes.All.Contains).Distinct() ?? [];
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        InsufficientScope.Challenge(context.Response, scopes);
        await BearerChallenge.WriteProblemAsync(context, StatusCodes.Status403Forbidden, InsufficientScope.Detail);
    }
}
