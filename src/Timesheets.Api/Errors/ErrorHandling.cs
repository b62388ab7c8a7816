using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
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
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw, so the exception handler can say what was wrong with the body.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            // Numbers must be JSON numbers: "7.5" as a string or NaN is a type error, not a value.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.MaxDepth = 32;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            // Every string of every body: valid Unicode without control characters, or a 400 naming the field.
            o.SerializerOptions.Converters.Add(new RequestStringConverter());
        });
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

/// <summary>Malformed requests become 4xx problems with a useful detail; anything else stays a 500 problem.</summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException { InnerException: RequestTextException text })
        {
            return await WriteAsync(httpContext, 400, $"The JSON body is invalid at {text.Path ?? "$"}: {text.Message}", exception,
                new Dictionary<string, string[]> { [text.Field] = [text.Message] });
        }

        var (status, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "The request body is too large."),
            BadHttpRequestException { InnerException: JsonException json } => (400, JsonDetail(json)),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            JsonException json => (400, JsonDetail(json)),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }

        return await WriteAsync(httpContext, status, detail, exception, null);
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, int status, string detail, Exception exception, Dictionary<string, string[]>? errors)
    {
        LogBadRequest(logger, status, exception.GetType().Name);
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = "The request is malformed.", Detail = detail };
        if (errors is not null)
        {
            // Keyed by field as a ValidationProblem's are; an extension, so every problem writer keeps it.
            problem.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // The path tells the client which field was wrong; the parser's own message may echo input.
    private static string JsonDetail(JsonException json) =>
        $"The JSON body is invalid at {json.Path ?? "$"} (line {json.LineNumber + 1}).";

    [LoggerMessage(1, LogLevel.Information, "Bad request answered {Status}: {Kind}")]
    private static partial void LogBadRequest(ILogger logger, int status, string kind);
}
