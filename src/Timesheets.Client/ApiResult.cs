using System.Text.Json.Serialization;
using Timesheets.Contracts;

namespace Timesheets.Client;

/// <summary>What kind of refusal a problem is, so an app can react without reading status codes.</summary>
public enum ProblemKind
{
    /// <summary>The request was refused for its content (400, 422); <see cref="ApiProblem.Errors"/> names the fields.</summary>
    Invalid,

    /// <summary>No token, or one that could not be renewed: the user has to log in again.</summary>
    LoginRequired,

    /// <summary>The granted scopes do not allow it (403).</summary>
    Forbidden,

    NotFound,

    /// <summary>The entry changed or is approved (409), or changed since it was read (412).</summary>
    Conflict,

    /// <summary>Too many requests (429); <see cref="ApiProblem.RetryAfter"/> says when to try again.</summary>
    RateLimited,

    /// <summary>The server could not be reached (no network, refused connection, timeout): worth retrying later.</summary>
    Unreachable,

    /// <summary>The server failed (5xx): worth retrying later.</summary>
    ServerError,

    /// <summary>Any other refusal.</summary>
    Other,
}

/// <summary>The server's RFC 9457 problem, or a client-side one (<see cref="ProblemKind.Unreachable"/>, <see cref="ProblemKind.LoginRequired"/>).</summary>
public sealed record ApiProblem
{
    public required ProblemKind Kind { get; init; }

    /// <summary>The HTTP status, 0 when no answer came.</summary>
    public required int Status { get; init; }

    public required string Title { get; init; }

    public string? Detail { get; init; }

    /// <summary>Messages per field (snake_case JSON names, e.g. <c>hours</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// <summary>An upload's errors per row (1-based data rows: a CSV's header line is not counted; JSON array items).</summary>
    public IReadOnlyList<RowError> RowErrors { get; init; } = [];

    /// <summary>How many rows of an upload were refused (the server lists a bounded number in <see cref="RowErrors"/>).</summary>
    public int RowErrorCount { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when the same request may succeed later without change (offline, rate limit, server fault).</summary>
    [JsonIgnore]
    public bool IsTransient => Kind is ProblemKind.Unreachable or ProblemKind.RateLimited or ProblemKind.ServerError;

    /// <summary>One line for a person: the detail, the field messages, or the title.</summary>
    [JsonIgnore]
    public string Message => Errors.Count > 0
        ? string.Join(" ", Errors.SelectMany(e => e.Value))
        : Detail ?? Title;

    public static ApiProblem LoginRequired(string detail) =>
        new() { Kind = ProblemKind.LoginRequired, Status = 401, Title = "Login required", Detail = detail };

    public static ApiProblem Unreachable(string detail) =>
        new() { Kind = ProblemKind.Unreachable, Status = 0, Title = "Server unreachable", Detail = detail };
}

/// <summary>
/// The answer to one call: a value, or the reason there is none. Expected refusals are never
/// exceptions; read <c>result.Value is { } value</c> or <c>result.Problem is { } problem</c>.
/// </summary>
public sealed class ApiResult<T>
    where T : class
{
    private ApiResult(T? value, ApiProblem? problem, string? etag)
    {
        Value = value;
        Problem = problem;
        ETag = etag;
    }

    /// <summary>The value on success; default when <see cref="Problem"/> is set.</summary>
    public T? Value { get; }

    public ApiProblem? Problem { get; }

    /// <summary>The version the server sent (entries), for <c>If-Match</c> on the next change.</summary>
    public string? ETag { get; }

    public bool IsSuccess => Problem is null;

    internal static ApiResult<T> Success(T value, string? etag = null) => new(value, null, etag);

    internal static ApiResult<T> Failure(ApiProblem problem) => new(default, problem, null);
}
