using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.Logs;

namespace Timesheets.Identity.Tests.Management;

/// <summary>The Management API as a caller with a real token sees it, and what the tests read behind it (the log).</summary>
internal static class ManagementSession
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>An HttpClient carrying <paramref name="email"/>'s Management API token.</summary>
    public static async Task<HttpClient> ClientAsync(IdentityHost host, string email, string password = IdentityHost.DemoPassword)
    {
        using var oidc = host.CreateOidcClient();
        var token = (await oidc.LoginForManagementAsync(email, password)).AccessToken;
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient http, HttpMethod method, string path, object body) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) });

    /// <summary>The log entries about <paramref name="targetId"/>, oldest first.</summary>
    public static async Task<List<LogEvent>> LogsAsync(this IdentityHost host, string targetId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
        return await db.Logs.AsNoTracking().Where(l => l.TargetId == targetId).OrderBy(l => l.Id).ToListAsync();
    }

    /// <summary>Invites a fresh user through the API and returns it (with its invitation link).</summary>
    public static async Task<ManagementUser> InviteAsync(this HttpClient admin, string? roleId = null, bool contractor = false)
    {
        var email = $"invited-{Guid.NewGuid():N}@exampleco.com";
        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/users",
            new CreateUserRequest { Email = email, Name = "Ivy Invited", Contractor = contractor, Roles = roleId is null ? null : [roleId] });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ManagementUser>();
    }

    public static async Task<string> RoleIdAsync(this HttpClient admin, string name) =>
        (await (await admin.GetAsync("/api/v2/roles")).ReadAsync<List<ManagementRole>>()).Single(r => r.Name == name).Id;

    /// <summary>Sets the password through the set-password page, as the invited person does.</summary>
    public static async Task<HttpResponseMessage> SetPasswordAsync(OidcTestClient browser, string link, string password)
    {
        var path = new Uri(link).PathAndQuery;
        var page = await browser.Http.GetStringAsync(path);
        return await browser.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Password"] = password,
            ["ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = OidcTestClient.AntiforgeryToken(page),
        }));
    }
}
