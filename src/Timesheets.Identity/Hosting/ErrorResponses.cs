using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Hosting;

internal static class ErrorResponses
{
    /// <summary>
    /// Errors outside the OAuth endpoints and pages are ProblemDetails, whatever the client accepts;
    /// a request OpenIddict cannot even read is an OAuth invalid_request, never a 500.
    /// </summary>
    public static IServiceCollection AddErrorResponses(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<MalformedRequestHandler>();
        // Before the shared outage handler (AddResilience), which answers every other path.
        services.AddExceptionHandler<OAuthOutageHandler>();
        return services;
    }
}
