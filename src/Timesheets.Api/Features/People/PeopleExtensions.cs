using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Features.People;

internal static class PeopleExtensions
{
    /// <summary>
    /// The people check: one token and one cache per instance; the Management API's base address is the
    /// issuer's (its audience, <c>{issuer}api/v2/</c>, is also its URL, as with Auth0).
    /// </summary>
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddSingleton<ManagementToken>();
        services.AddSingleton<PeopleCache>();
        services.AddScoped<PeopleLookup>();
        services.AddHttpClient<PeopleDirectory>((provider, http) =>
        {
            http.BaseAddress = new Uri(ManagementScopes.AudienceFor(provider.GetRequiredService<IOptions<AuthSettings>>().Value.Issuer));
            http.Timeout = provider.GetRequiredService<IOptions<PeopleSettings>>().Value.Timeout;
        });
        return services;
    }
}
