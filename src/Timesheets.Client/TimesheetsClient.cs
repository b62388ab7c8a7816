using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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
    public static TimesheetsClient Create(Uri apiBase, TokenSession session, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(apiBase);
        var handler = new AuthorizingHandler(session) { InnerHandler = transport ?? new SocketsHttpHandler() };
        return new TimesheetsClient(new HttpClient(handler) { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(100) });
    }

    public HttpClient Http { get; } = http;

    private static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static ByteArrayContent Json<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        // Bytes, not a stream: a request refused with 401 can be sent again after the refresh.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(request, (response, token) => ReadJsonAsync(response, typeInfo, token), cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        {
            try
            {
                using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return ApiResult<T>.Failure(await ProblemReader.ReadAsync(response, cancellationToken));
                }

                return ApiResult<T>.Success(await read(response, cancellationToken), response.Headers.ETag?.ToString());
            }
            catch (LoginRequiredException ex)
            {
                return ApiResult<T>.Failure(ApiProblem.LoginRequired(ex.Message));
            }
            catch (HttpRequestException ex)
            {
                return ApiResult<T>.Failure(ApiProblem.Unreachable($"{Http.BaseAddress} could not be reached: {ex.Message}"));
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ApiResult<T>.Failure(ApiProblem.Unreachable($"{Http.BaseAddress} did not answer within {Http.Timeout.TotalSeconds:0} s."));
            }
            catch (JsonException ex)
            {
                return ApiResult<T>.Failure(new ApiProblem
                {
                    Kind = ProblemKind.ServerError, Status = 200, Title = "Answer not understood",
                    Detail = $"The server's answer is not the JSON this client expects: {ex.Message}",
                });
            }
        }
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken) ?? throw new JsonException("The answer is empty.");

    private static Task<Done> ReadNothingAsync(HttpResponseMessage response, CancellationToken cancellationToken) => Task.FromResult(Done.Value);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value ?? "")}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The value of a call that answers nothing (204).</summary>
public sealed record Done
{
    public static readonly Done Value = new();
}
