using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// Calls the Management API over HTTP with a real bearer token, as a script would: JSON in snake_case,
/// problems read back as problem+json.
/// </summary>
public sealed class ManagementCalls(HttpClient http, string token) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public HttpClient Http { get; } = http;

    /// <summary>An admin's (or any user's) token for the Management API, through the CLI's client.</summary>
    public static async Task<ManagementCalls> ForUserAsync(IdentityHost host, string email, string password = IdentityHost.DemoPassword)
    {
        var client = host.CreateOidcClient();
        var tokens = await client.LoginForManagementAsync(email, password);
        return new ManagementCalls(client.Http, tokens.AccessToken);
    }

    /// <summary>A token the Management API must refuse: the import job's token for the Timesheets API.</summary>
    public static async Task<ManagementCalls> WithTimesheetsApiTokenAsync(IdentityHost host)
    {
        var client = host.CreateOidcClient();
        var tokens = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());
        return new ManagementCalls(client.Http, tokens.AccessToken);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body, body.GetType(), options: Json);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Sends and reads the answer, which must have <paramref name="status"/>.</summary>
    public async Task<T> ExpectAsync<T>(HttpMethod method, string path, object? body = null, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await SendAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    /// <summary>Sends; the answer must be a problem with <paramref name="status"/>; returns its JSON.</summary>
    public async Task<JsonElement> ExpectProblemAsync(HttpMethod method, string path, object? body, HttpStatusCode status)
    {
        using var response = await SendAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The log entries about one target, newest first.</summary>
    public Task<List<LogResponse>> LogsAboutAsync(string targetId) =>
        ExpectAsync<List<LogResponse>>(HttpMethod.Get, "/api/v2/logs?q=" + Uri.EscapeDataString("target_id:" + targetId));

    public void Dispose() => Http.Dispose();
}
