using System.Text.Json.Serialization.Metadata;
using Timesheets.Client.Auth;

namespace Timesheets.Client;

/// <summary>
/// The typed client of the Timesheets API: one method per endpoint, async with cancellation, each
/// answering an <see cref="ApiResult{T}"/> that carries the value or the server's problem. The calls
/// are grouped by feature in the partial files beside this one.
/// </summary>
/// <remarks>
/// The <see cref="HttpClient"/> is the caller's: its base address is the API's URL and its handler
/// chain attaches the tokens (<see cref="Create"/> builds one with an <see cref="AuthorizingHandler"/>).
/// </remarks>
public sealed partial class TimesheetsClient(HttpClient http)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>A client of the API at <paramref name="apiBase"/> whose calls carry the session's tokens.</summary>
    public static TimesheetsClient Create(Uri apiBase, TokenSession session, HttpMessageHandler? transport = null) =>
        new(HttpCalls.Authorized(apiBase, session, transport));

    public HttpClient Http { get; } = http;

    private static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null, string? ifMatch = null) =>
        HttpCalls.Request(method, path, content, ifMatch);

    private static ByteArrayContent Json<T>(T body, JsonTypeInfo<T> typeInfo) => HttpCalls.Json(body, typeInfo);

    private Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class => HttpCalls.SendAsync(Http, request, typeInfo, cancellationToken);

    private Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
        where T : class => HttpCalls.SendAsync(Http, request, read, cancellationToken);

    private static Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        HttpCalls.ReadJsonAsync(response, typeInfo, cancellationToken);

    private static Task<Done> ReadNothingAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        HttpCalls.ReadNothingAsync(response, cancellationToken);

    private static string Query(params (string Name, string? Value)[] parameters) => HttpCalls.Query(parameters);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The value of a call that answers nothing (204).</summary>
public sealed record Done
{
    public static readonly Done Value = new();
}
