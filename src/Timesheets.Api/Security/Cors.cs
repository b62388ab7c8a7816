using Microsoft.Net.Http.Headers;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Security;

internal static class Cors
{
    /// <summary>
    /// The browser app's origins (<c>Api:CorsOrigins</c>, exact) may call the API with a bearer token, and
    /// read the headers it needs: <c>ETag</c> (If-Match on the next change), <c>Link</c> (the next page),
    /// <c>Retry-After</c> and <c>Location</c>. No credentials mode: the token is a header, never a cookie.
    /// </summary>
    public static IServiceCollection AddApiCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection(ApiSettings.Section).Get<ApiSettings>()?.CorsOrigins ?? [];
        return services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfMatch, HeaderNames.IfNoneMatch, Features.Timesheets.EntryCreation.IdempotencyHeader)
            .WithExposedHeaders(HeaderNames.ETag, HeaderNames.Link, HeaderNames.RetryAfter, HeaderNames.Location)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
    }
}
