using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Validation.AspNetCore;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Management.Clients;
using Timesheets.Identity.Management.Logs;
using Timesheets.Identity.Management.ResourceServers;
using Timesheets.Identity.Management.Roles;
using Timesheets.Identity.Management.SigningKeys;
using Timesheets.Identity.Management.Users;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Management;

/// <summary>
/// The Management API (<c>/api/v2/…</c>, Auth0's paths and scope names): bearer tokens issued by this
/// server for the audience <see cref="ManagementScopes.AudienceFor"/>, validated in process by
/// OpenIddict's validation handler (same keys, no HTTP round trip); one policy per scope. Errors are
/// problem+json: 401 with <c>invalid_token</c>, 403 with <c>insufficient_scope</c> naming the scope.
/// Each feature maps its own endpoints from its folder.
/// </summary>
internal static class ManagementApi
{
    public const string RoutePrefix = "/api/v2";

    public static bool IsManagementPath(PathString path) => path.StartsWithSegments(RoutePrefix, StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddManagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, IdentitySettings.Section, new IdentitySettingsValidator());
        services.AddOpenIddict().AddValidation(options =>
        {
            options.UseLocalServer();
            options.UseAspNetCore();
            options.AddAudiences(ManagementScopes.AudienceFor(settings.Issuer));
        });

        services.AddAuthorization(options =>
        {
            foreach (var scope in ManagementScopes.All.Keys)
            {
                options.AddPolicy(scope, policy => policy
                    .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(c => HasScope(c.User, scope)));
            }
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ManagementChallenges>();
        services.AddJsonRequestErrors();
        services.AddHttpContextAccessor();
        services.AddScoped<AdminLog>();
        services.AddClientAdmin();
        services.AddResourceServerAdmin();
        services.AddSigningKeyAdmin();
        services.AddLogs(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(RoutePrefix).DisableAntiforgery();
        UsersEndpoints.Map(api);
        RolesEndpoints.Map(api);
        ClientsEndpoints.Map(api);
        ResourceServersEndpoints.Map(api);
        SigningKeysEndpoints.Map(api);
        LogsEndpoints.Map(api);
        return app;
    }

    /// <summary>Requires the management scope <paramref name="scope"/> (one of <see cref="ManagementScopes"/>).</summary>
    public static TBuilder RequiresScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope);

    /// <summary>OpenIddict writes <c>scope</c> as one space-separated claim; other issuers as several.</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Any(c => c.Value.Split(' ').Contains(scope, StringComparer.Ordinal));

    /// <summary>A problem+json answer of the Management API (RFC 9457).</summary>
    public static IResult Problem(int status, string detail, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? TypedResults.Problem(statusCode: status, detail: detail)
            : TypedResults.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["errors"] = errors });
}

/// <summary>401 and 403 of the Management API as problem+json with RFC 6750 challenges; other paths as before.</summary>
internal sealed class ManagementChallenges : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!ManagementApi.IsManagementPath(context.Request.Path) || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        string detail;
        if (authorizeResult.Forbidden)
        {
            var scopes = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy).OfType<string>().Distinct() ?? [];
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{string.Join(' ', scopes)}\"";
            detail = "The access token lacks the scope this request needs.";
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            detail = "A valid bearer access token for the Management API is required.";
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = context.Response.StatusCode, Detail = detail },
        });
    }
}
