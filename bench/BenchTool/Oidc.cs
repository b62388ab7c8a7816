using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

/// <summary>The mobile app's login (code + PKCE through the real login form) and refresh grant, as the load tools drive them.</summary>
internal static class Oidc
{
    public static HttpClient NewClient(string identity) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    { BaseAddress = new Uri(identity), Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<(string Access, string? Refresh)> LoginFlow(string identity, string email, string password)
    {
        using var http = NewClient(identity);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        const string redirect = "com.exampleco.timesheets:/callback";
        var authorize = QueryHelpers.AddQueryString("/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "timesheets-mobile", ["response_type"] = "code", ["redirect_uri"] = redirect,
            ["scope"] = "openid profile email offline_access", ["state"] = "s1", ["nonce"] = "n1",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });
        var response = await http.GetAsync(authorize);
        var login = response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"/authorize: {(int)response.StatusCode}");
        var page = await http.GetStringAsync(login);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var returnUrl = WebUtility.HtmlDecode(Regex.Match(page, "name=\"ReturnUrl\" value=\"([^\"]*)\"").Groups[1].Value);
        var posted = await http.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
        if (posted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"login {email}: {(int)posted.StatusCode}");
        }

        response = await http.GetAsync(posted.Headers.Location!.OriginalString);
        var back = response.Headers.Location ?? throw new InvalidOperationException($"/authorize after login: {(int)response.StatusCode}");
        var code = QueryHelpers.ParseQuery(back.Query)["code"].ToString();
        var exchanged = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = verifier,
            ["client_id"] = "timesheets-mobile", ["redirect_uri"] = redirect,
        }));
        var body = await exchanged.Content.ReadAsStringAsync();
        if (!exchanged.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"code exchange {email}: {(int)exchanged.StatusCode} {body}");
        }

        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("access_token").GetString()!, json.TryGetProperty("refresh_token", out var r) ? r.GetString() : null);
    }

    public static async Task<(string Access, string? Refresh)> RefreshGrant(string identity, string refresh)
    {
        using var http = new HttpClient { BaseAddress = new Uri(identity) };
        var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "timesheets-mobile", ["refresh_token"] = refresh,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"refresh grant: {(int)response.StatusCode} {body}");
        }

        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString());
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
