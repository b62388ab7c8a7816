using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Errors;

internal static class ErrorHandling
{
    /// <summary>
    /// Every error is <c>application/problem+json</c>: problem details for status codes, an exception
    /// handler that turns bad requests into 400/413 (never 500), and strict snake_case JSON.
    /// </summary>
    public static IServiceCollection AddApiErrorsAndJson(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["trace_id"] = c.HttpContext.TraceIdentifier);
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddJsonRequestErrors();
        return services;
    }

    /// <summary>Refuses bodies over the configured size before they are read (413 problem).</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<LimitSettings>>().Value;
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<LargeBodyAttribute>() is null ? limits.MaxBodyBytes : limits.MaxUploadBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        // JSON is UTF-8 (RFC 8259); ReadFromJsonAsync throws InvalidOperationException or NotSupportedException
        // for a charset it cannot or will not decode (utf-7, nonsense), which would be a 500.
        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.MediaType.Value?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true && type.Charset.HasValue
            && !Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(type.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = 415, Detail = "The request charset is not supported; send UTF-8." },
            });
            return;
        }

        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = 413, Detail = $"The request body may be at most {limit} bytes." },
            });
            return;
        }

        await next(context);
    });
}

/// <summary>Marks an endpoint that accepts bodies up to <c>Limits:MaxUploadBytes</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LargeBodyAttribute : Attribute;
