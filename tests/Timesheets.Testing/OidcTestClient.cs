using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Timesheets.Testing;

/// <summary>
/// Drives the Identity server over HTTP the way an app and its user do: /authorize, the real
/// login form (with its antiforgery token and cookie), the redirect back with a code, /oauth/token.
/// </summary>
public sealed partial class OidcTestClient(HttpClient http) : IDisposable
{
    public const string MobileClient = "timesheets-mobile";
    public const string CliClient = "timesheets-cli";
    public const string ImportClient = "timesheets-import";
    public const string MobileRedirect = "com.exampleco.timesheets:/callback";
    public const string DefaultScopes = "openid profile email offline_access";

    public HttpClient Http { get; } = http;

    public sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce New()
        {
            var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    /// <summary>Builds an /authorize URL; <paramref name="extra"/> adds or replaces parameters (null removes one).</summary>
    public static string AuthorizeUrl(Pkce? pkce, string state, IReadOnlyDictionary<string, string?>? extra = null,
        string clientId = MobileClient, string redirectUri = MobileRedirect, string scope = DefaultScopes)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = "nonce-" + state,
            ["code_challenge"] = pkce?.Challenge,
            ["code_challenge_method"] = pkce is null ? null : "S256",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            parameters[key] = value;
        }

        return QueryHelpers.AddQueryString("/authorize", parameters.Where(p => p.Value is not null)!);
    }

    /// <summary>Follows /authorize through the login form; returns the final redirect to the client.</summary>
    public async Task<Uri> AuthorizeAsync(string authorizeUrl, string email, string password)
    {
        var response = await Http.GetAsync(authorizeUrl);
        if (response.Headers.Location is { } location && location.OriginalString.Contains("/account/login", StringComparison.Ordinal))
        {
            var login = await PostLoginAsync(location.OriginalString, email, password);
            if (login.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Login failed: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
            }

            response = await Http.GetAsync(login.Headers.Location!.OriginalString);
        }

        // A native or loopback redirect from a session the user did not just log into: press Allow.
        if (response.Headers.Location is { } consent && consent.OriginalString.StartsWith(ConsentPath, StringComparison.Ordinal))
        {
            response = await Http.GetAsync((await PostPageAsync(consent.OriginalString, "Allow")).Headers.Location!.OriginalString);
        }

        return response.Headers.Location
            ?? throw new InvalidOperationException($"/authorize did not redirect: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public const string ConsentPath = "/account/consent";

    /// <summary>GETs a confirmation page (consent, logout) and presses one of its buttons (a page handler, or null for the form's own).</summary>
    public async Task<HttpResponseMessage> PostPageAsync(string pageUrl, string? handler)
    {
        var page = await Http.GetStringAsync(pageUrl);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var returnUrl = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value);
        var path = pageUrl.Split('?')[0] + (handler is null ? "" : "?handler=" + handler);
        return await Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>GETs the login page, then posts the form with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string loginUrl, string email, string password)
    {
        var page = await Http.GetStringAsync(loginUrl);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var returnUrl = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value);
        return await Http.PostAsync(loginUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The whole code + PKCE flow for a user; returns the token response.</summary>
    public async Task<TokenResponse> LoginAsync(string email, string password, string scope = DefaultScopes,
        string clientId = MobileClient, string redirectUri = MobileRedirect)
    {
        var pkce = Pkce.New();
        var redirect = await AuthorizeAsync(AuthorizeUrl(pkce, "s1", clientId: clientId, redirectUri: redirectUri, scope: scope), email, password);
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        if (string.IsNullOrEmpty(code))
        {
            throw new InvalidOperationException($"No code in the redirect: {redirect}");
        }

        return await ExpectTokensAsync(await RedeemCodeAsync(code, pkce.Verifier, clientId, redirectUri));
    }

    /// <summary>The Management API's audience on the test host (issuer + <c>api/v2/</c>).</summary>
    public static readonly string ManagementAudience = Contracts.ManagementScopes.AudienceFor(IdentityHost.Issuer);

    /// <summary>
    /// A user's access token for the Management API, through the CLI's client (registered for it) and a
    /// loopback redirect, as <c>timesheets admin …</c> gets one: it carries the user's management permissions.
    /// </summary>
    public async Task<TokenResponse> LoginForManagementAsync(string email, string password)
    {
        const string redirect = "http://127.0.0.1:49152/callback";
        var pkce = Pkce.New();
        var url = AuthorizeUrl(pkce, "m1", new Dictionary<string, string?> { ["audience"] = ManagementAudience },
            clientId: CliClient, redirectUri: redirect, scope: DefaultScopes);
        var code = QueryHelpers.ParseQuery((await AuthorizeAsync(url, email, password)).Query)["code"].ToString();
        if (string.IsNullOrEmpty(code))
        {
            throw new InvalidOperationException("No code in the redirect of the management login.");
        }

        return await ExpectTokensAsync(await RedeemCodeAsync(code, pkce.Verifier, CliClient, redirect));
    }

    public Task<HttpResponseMessage> RedeemCodeAsync(string code, string? verifier, string clientId = MobileClient, string redirectUri = MobileRedirect) =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
        });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken, string clientId = MobileClient) =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        });

    public Task<HttpResponseMessage> ClientCredentialsAsync(string clientId = ImportClient, string? secret = IdentityHost.ImportSecret,
        string? scope = null, string? audience = IdentityHost.ApiAudience) =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
            ["audience"] = audience,
        });

    public Task<HttpResponseMessage> TokenAsync(IReadOnlyDictionary<string, string?> form) =>
        Http.PostAsync("/oauth/token", new FormUrlEncodedContent(form.Where(p => p.Value is not null)!));

    public static async Task<TokenResponse> ExpectTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request failed: {(int)response.StatusCode} {body}");
        }

        return TokenResponse.Parse(body);
    }

    public static async Task<OAuthError> ExpectErrorAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new OAuthError((int)response.StatusCode, json.GetProperty("error").GetString()!,
            json.TryGetProperty("error_description", out var d) ? d.GetString() : null);
    }

    public void Dispose() => Http.Dispose();

    /// <summary>The antiforgery token of a page's form (its cookie is in this client's jar once the page was fetched).</summary>
    public static string AntiforgeryToken(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}

public sealed record OAuthError(int Status, string Error, string? Description);

public sealed record TokenResponse(string AccessToken, string? RefreshToken, string? IdToken, string? Scope, long ExpiresIn)
{
    public static TokenResponse Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        string? Get(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new TokenResponse(Get("access_token")!, Get("refresh_token"), Get("id_token"), Get("scope"),
            root.TryGetProperty("expires_in", out var e) ? e.GetInt64() : 0);
    }

    public IReadOnlySet<string> Scopes => (Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
