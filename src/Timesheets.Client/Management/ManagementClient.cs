using System.Text.Json.Serialization.Metadata;
using Timesheets.Client.Auth;
using Timesheets.Contracts;

namespace Timesheets.Client.Management;

/// <summary>
/// The typed client of the Management API on the identity server (<c>/api/v2/…</c>, Auth0's paths):
/// users, roles, applications, APIs, signing keys and the log, one method per endpoint, each answering
/// an <see cref="ApiResult{T}"/> as <see cref="TimesheetsClient"/> does. The calls are grouped by
/// feature in the partial files beside this one.
/// </summary>
/// <remarks>
/// Its session is its own: a token for the Management API is asked for with
/// <c>audience=</c><see cref="AudienceFor"/>, and a refresh token stays bound to the audience of its
/// login, so a Timesheets API session cannot be switched over (<see cref="TokenSession"/>).
/// </remarks>
public sealed partial class ManagementClient(HttpClient http)
{
    /// <summary>A client of the Management API of <paramref name="issuer"/> whose calls carry the session's tokens.</summary>
    public static ManagementClient Create(Uri issuer, TokenSession session, HttpMessageHandler? transport = null) =>
        new(HttpCalls.Authorized(BaseFor(issuer), session, transport));

    public HttpClient Http { get; } = http;

    /// <summary>The audience of Management API tokens: the issuer followed by <c>api/v2/</c>.</summary>
    public static string AudienceFor(Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return ManagementScopes.AudienceFor(issuer.ToString());
    }

    /// <summary>Where the Management API answers: <c>/api/v2/</c> under the issuer.</summary>
    public static Uri BaseFor(Uri issuer) => new(AudienceFor(issuer));

    private Task<ApiResult<T>> GetAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class => HttpCalls.SendAsync(Http, HttpCalls.Request(HttpMethod.Get, path), typeInfo, cancellationToken);

    private Task<ApiResult<TResult>> SendAsync<TBody, TResult>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType,
        JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken)
        where TResult : class =>
        HttpCalls.SendAsync(Http, HttpCalls.Request(method, path, HttpCalls.Json(body, bodyType)), resultType, cancellationToken);

    /// <summary>A call whose answer has no body worth reading (204, or a body this client has no use for).</summary>
    private Task<ApiResult<Done>> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken) =>
        HttpCalls.SendAsync(Http, HttpCalls.Request(method, path, content), HttpCalls.ReadNothingAsync, cancellationToken);

    private Task<ApiResult<Done>> SendAsync<TBody>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken cancellationToken) =>
        SendAsync(method, path, HttpCalls.Json(body, bodyType), cancellationToken);

    /// <summary>A path segment: ids are the server's, but a user id or an email goes into the path escaped.</summary>
    private static string Segment(string id) => Uri.EscapeDataString(id);

    private static string? Number(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
