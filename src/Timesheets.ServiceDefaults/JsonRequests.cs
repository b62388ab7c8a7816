using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// JSON request bodies as both services read them (the Timesheets API and Identity's Management API):
/// strict snake_case, numbers as numbers, readable strings, and a malformed body answered 4xx with a
/// problem naming the field, never a 500.
/// </summary>
public static class JsonRequests
{
    public static IServiceCollection AddJsonRequestErrors(this IServiceCollection services)
    {
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
}

/// <summary>Malformed requests become 4xx problems with a useful detail; anything else stays a 500 problem.</summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
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
