using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Timesheets.Conformance.Infrastructure;

/// <summary>
/// The conformance suite's client side, adapted to our public native clients: every authorization
/// request carries PKCE S256 (the server requires it), and the ID token is checked as OIDC Core §3.1.3.7 says.
/// </summary>
public static class Op
{
    public const string Issuer = IdentityHost.Issuer;
    public const string Mobile = OidcTestClient.MobileClient;
    public const string MobileRedirect = OidcTestClient.MobileRedirect;
    /// <summary>The OpenID suite's kind of redirect (https, a web client): a session alone answers it.</summary>
    public const string WebRedirect = IdentityHost.PwaRedirect;
    public const string MobileLogoutRedirect = "com.exampleco.timesheets:/logout";
    public const string Cli = OidcTestClient.CliClient;
    public const string CliRedirect = "http://127.0.0.1/callback";
    public const string User = IdentityHost.Employee;
    public const string Password = IdentityHost.DemoPassword;

    /// <summary>An /authorize URL with PKCE S256, a state and a nonce (<c>nonce-{state}</c>).</summary>
    public static string AuthorizeUrl(OidcTestClient.Pkce pkce, string state, string scope = "openid",
        IReadOnlyDictionary<string, string?>? extra = null, string clientId = Mobile, string redirectUri = MobileRedirect) =>
        OidcTestClient.AuthorizeUrl(pkce, state, extra, clientId, redirectUri, scope);

    /// <summary>Follows /authorize through the login form (when shown) to the redirect back to the client.</summary>
    public static async Task<AuthorizationResponse> CompleteAuthorizationAsync(this OidcTestClient browser, string url, string email = User) =>
        AuthorizationResponse.From(await browser.AuthorizeAsync(url, email, Password));

    /// <summary>The whole code flow: authorize, log in, redeem the code; the ID token checked against the nonce.</summary>
    public static async Task<FlowResult> CodeFlowAsync(this OidcTestClient browser, string scope = "openid",
        IReadOnlyDictionary<string, string?>? extra = null, string email = User, string redirectUri = MobileRedirect)
    {
        var pkce = OidcTestClient.Pkce.New();
        var state = RandomState();
        var authorization = await browser.CompleteAuthorizationAsync(AuthorizeUrl(pkce, state, scope, extra, redirectUri: redirectUri), email);
        AssertSuccessfulAuthorization(authorization, state, redirectUri);
        var tokens = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(authorization.Code!, pkce.Verifier, redirectUri: redirectUri));
        var nonce = extra is not null && extra.TryGetValue("nonce", out var n) ? n : "nonce-" + state;
        var idToken = await ValidateIdTokenAsync(browser.Http, tokens.IdToken, nonce, tokens.AccessToken);
        return new FlowResult(authorization, tokens, idToken, pkce);
    }

    /// <summary>A code, the state echoed, and RFC 9207's <c>iss</c>; never an error.</summary>
    public static void AssertSuccessfulAuthorization(AuthorizationResponse response, string state, string redirectUri = MobileRedirect)
    {
        Assert.Null(response.Error);
        Assert.Equal(redirectUri, response.Target);
        Assert.False(string.IsNullOrEmpty(response.Code), $"No code in {response.Location}");
        Assert.Equal(state, response.State);
        Assert.Equal(Issuer, response.Iss);
    }

    /// <summary>An error sent back to the client: the error code, the state echoed, <c>iss</c>, and no code.</summary>
    public static void AssertErrorResponse(AuthorizationResponse response, string state, params string[] allowedErrors) =>
        AssertErrorResponseTo(MobileRedirect, response, state, allowedErrors);

    public static void AssertErrorResponseTo(string redirectUri, AuthorizationResponse response, string state, params string[] allowedErrors)
    {
        Assert.Equal(redirectUri, response.Target);
        Assert.Contains(response.Error, allowedErrors);
        Assert.Equal(state, response.State);
        Assert.Equal(Issuer, response.Iss);
        Assert.Null(response.Code);
    }

    /// <summary>
    /// Where the suite asks a person to look at an error page: an error status, and no redirect
    /// anywhere (least of all to the client), so nothing can be used as an open redirector.
    /// </summary>
    public static async Task AssertErrorPageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized,
            $"Expected an error page, got {(int)response.StatusCode} {response.Headers.Location} {body}");
        Assert.Null(response.Headers.Location);
    }

    /// <summary>/authorize answered with the login page (a redirect to the form), not with a code.</summary>
    public static void AssertLoginPage(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri(Issuer), response.Headers.Location!);
        Assert.Equal(Issuer + "account/login", location.GetLeftPart(UriPartial.Path));
    }

    /// <summary>True when a redirect stays on the server (login page, logged-out page), not off to a client.</summary>
    public static bool StaysOnServer(Uri location) =>
        !location.IsAbsoluteUri || location.GetLeftPart(UriPartial.Authority) + "/" == Issuer;

    /// <summary>OIDC Core §3.1.3.7: signature (JWKS, RS256), iss, aud, exp, iat, sub, nonce, at_hash.</summary>
    public static async Task<JsonWebToken> ValidateIdTokenAsync(HttpClient http, string? idToken, string? nonce,
        string? accessToken, string clientId = Mobile)
    {
        Assert.False(string.IsNullOrEmpty(idToken), "No ID token in the token response.");
        var jwt = await Jwks.ValidateAsync(http, idToken, clientId);
        Assert.Equal(SecurityAlgorithms.RsaSha256, jwt.Alg);
        Assert.False(string.IsNullOrEmpty(jwt.Kid), "The ID token has no kid.");
        Assert.Equal(Issuer, jwt.Issuer);
        var audience = Assert.Single(jwt.Audiences);
        Assert.Equal(clientId, audience);
        Assert.False(string.IsNullOrEmpty(jwt.Subject));
        Assert.True(jwt.TryGetPayloadValue<long>("iat", out var iat), "The ID token has no iat.");
        Assert.True(jwt.TryGetPayloadValue<long>("exp", out var exp), "The ID token has no exp.");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(iat, now - 300, now + 30);
        Assert.True(exp > now, "The ID token has expired.");
        if (jwt.TryGetPayloadValue<string>("azp", out var azp))
        {
            Assert.Equal(clientId, azp);
        }

        if (nonce is null)
        {
            Assert.False(jwt.TryGetPayloadValue<string>("nonce", out _), "A nonce was returned though none was sent.");
        }
        else
        {
            Assert.Equal(nonce, jwt.GetClaim("nonce").Value);
        }

        if (accessToken is not null && jwt.TryGetPayloadValue<string>("at_hash", out var atHash))
        {
            Assert.Equal(LeftHalfHash(accessToken), atHash);
        }

        return jwt;
    }

    public static Task<HttpResponseMessage> UserinfoGetAsync(HttpClient http, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http.SendAsync(request);
    }

    /// <summary>OIDC Core §3.1.3.6: base64url of the left half of SHA-256 of the ASCII token.</summary>
    public static string LeftHalfHash(string value)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(value));
        return Base64UrlEncoder.Encode(hash[..(hash.Length / 2)]);
    }

    public static string RandomState() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    public static Dictionary<string, string?> Params(params (string Key, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

public sealed record FlowResult(AuthorizationResponse Authorization, TokenResponse Tokens, JsonWebToken IdToken, OidcTestClient.Pkce Pkce);
