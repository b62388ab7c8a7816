using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Timesheets.Client.Auth;

namespace Timesheets.Client;

/// <summary>
/// How every typed client of this library calls its server (the Timesheets API and the Management
/// API alike): JSON bodies sent as bytes, answers read into an <see cref="ApiResult{T}"/>, and every
/// expected failure — a refusal, no login, no network, a body not understood — as an <see cref="ApiProblem"/>.
/// </summary>
internal static class HttpCalls
{
    public static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    public static ByteArrayContent Json<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        // Bytes, not a stream: a request refused with 401 can be sent again after the refresh.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>An HTTP client of <paramref name="baseAddress"/> whose calls carry the session's tokens.</summary>
    public static HttpClient Authorized(Uri baseAddress, TokenSession session, HttpMessageHandler? transport, bool disposeTransport = true)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var handler = new AuthorizingHandler(session) { InnerHandler = transport ?? new SocketsHttpHandler() };
        return new HttpClient(handler, disposeTransport) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
    }

    public static Task<ApiResult<T>> SendAsync<T>(HttpClient http, HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(http, request, (response, token) => ReadJsonAsync(response, typeInfo, token), cancellationToken);

    public static async Task<ApiResult<T>> SendAsync<T>(HttpClient http, HttpRequestMessage request,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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
                return ApiResult<T>.Failure(ApiProblem.Unreachable($"{http.BaseAddress} could not be reached: {ex.Message}"));
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ApiResult<T>.Failure(ApiProblem.Unreachable($"{http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s."));
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

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken) ?? throw new JsonException("The answer is empty.");

    public static Task<Done> ReadNothingAsync(HttpResponseMessage response, CancellationToken cancellationToken) => Task.FromResult(Done.Value);

    /// <summary>A query string of the parameters that have a value ("" when none has).</summary>
    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value ?? "")}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
