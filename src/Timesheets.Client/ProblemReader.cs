using System.Net;
using System.Text.Json;
using Timesheets.Contracts;

namespace Timesheets.Client;

/// <summary>Reads an error answer into an <see cref="ApiProblem"/>: RFC 9457 bodies, and whatever else a proxy may answer.</summary>
internal static class ProblemReader
{
    // A problem body is small; a huge error page from a proxy is cut rather than read whole.
    private const int MaxBodyBytes = 256 * 1024;

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var problem = new ApiProblem
        {
            Kind = KindOf(response.StatusCode),
            Status = status,
            Title = response.ReasonPhrase ?? $"HTTP {status}",
            RetryAfter = RetryAfterOf(response),
        };
        var body = await ReadBoundedAsync(response, cancellationToken);
        if (body.Length == 0)
        {
            return problem;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return Fill(problem, document.RootElement);
        }
        catch (JsonException)
        {
            return problem with { Detail = "The server answered without a problem description." };
        }
    }

    private static ApiProblem Fill(ApiProblem problem, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return problem;
        }

        problem = problem with
        {
            Title = Text(root, "title") ?? problem.Title,
            Detail = Text(root, "detail") ?? BearerDetail(root),
            RowErrorCount = root.TryGetProperty("error_count", out var count) && count.TryGetInt32(out var n) ? n : 0,
        };
        if (!root.TryGetProperty("errors", out var errors))
        {
            return problem;
        }

        // Validation problems name fields (an object); an upload lists rows (an array).
        return errors.ValueKind switch
        {
            JsonValueKind.Object => problem with { Errors = FieldErrors(errors) },
            JsonValueKind.Array => problem with { RowErrors = RowErrors(errors) },
            _ => problem,
        };
    }

    private static Dictionary<string, string[]> FieldErrors(JsonElement errors)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in errors.EnumerateObject())
        {
            fields[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                ? field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : m.GetRawText()).ToArray()
                : [field.Value.ToString()];
        }

        return fields;
    }

    private static List<RowError> RowErrors(JsonElement errors) =>
        errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => new RowError(
                e.TryGetProperty("row", out var row) && row.TryGetInt32(out var r) ? r : 0,
                Text(e, "field") ?? "",
                Text(e, "message") ?? ""))
            .ToList();

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // OAuth-style bodies (error_description) from a gateway or the identity server.
    private static string? BearerDetail(JsonElement root) => Text(root, "error_description") ?? Text(root, "error");

    private static ProblemKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge
            or HttpStatusCode.UnsupportedMediaType => ProblemKind.Invalid,
        HttpStatusCode.Unauthorized => ProblemKind.LoginRequired,
        HttpStatusCode.Forbidden => ProblemKind.Forbidden,
        HttpStatusCode.NotFound => ProblemKind.NotFound,
        HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed => ProblemKind.Conflict,
        HttpStatusCode.TooManyRequests => ProblemKind.RateLimited,
        >= HttpStatusCode.InternalServerError => ProblemKind.ServerError,
        _ => ProblemKind.Other,
    };

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < MaxBodyBytes && (read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.Length > MaxBodyBytes ? [] : buffer.ToArray();
    }
}
