using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OtpNet;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>
/// What a user does in a browser around the second factor: the account and login pages' forms (with
/// their antiforgery tokens), and the code an authenticator app shows, computed by Otp.NET (RFC 6238)
/// from the key the enrolment page shows, independently of the server.
/// </summary>
internal static partial class MfaSteps
{
    public const string CodePage = "/account/login/code";
    public const string EnrolPage = "/account/login/enrol";
    public const string Refused = "That code is not right, or there were too many attempts";

    /// <summary>
    /// The code a phone's authenticator app shows now for the key, or <paramref name="steps"/> 30-second
    /// steps later: a code is accepted once, so a second login within the same step uses the next one
    /// (the server accepts two steps either side of now).
    /// </summary>
    public static string Totp(string key, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * steps));

    /// <summary>A 6-digit code that is not the current one (nor a neighbour Identity would also accept).</summary>
    public static string WrongTotp(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var accepted = Enumerable.Range(-2, 5).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => (123456 + 7919 * i % 1000000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => !accepted.Contains(c));
    }

    /// <summary>GETs a page, then posts its form (antiforgery token and ReturnUrl as the page has them) with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this OidcTestClient browser, string pageUrl, string? handler,
        IReadOnlyDictionary<string, string> fields)
    {
        var page = await browser.Http.GetStringAsync(pageUrl);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = OidcTestClient.AntiforgeryToken(page) };
        if (ReturnUrlField().Match(page) is { Success: true } returnUrl)
        {
            form["ReturnUrl"] = WebUtility.HtmlDecode(returnUrl.Groups[1].Value);
        }

        var path = pageUrl.Split('?')[0] + (handler is null ? "" : "?handler=" + handler);
        return await browser.Http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>The key as the enrolment page shows it, without the spaces between its groups.</summary>
    public static string KeyOn(string html)
    {
        var match = KeyField().Match(html);
        Assert.True(match.Success, "The page shows no authenticator key.");
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        return match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    public static List<string> RecoveryCodesOn(string html) => [.. RecoveryCode().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>
    /// Turns two-factor authentication on at <c>/account/mfa</c> for the browser's logged-in user; returns
    /// the key, the recovery codes and the code that confirmed the enrolment (spent).
    /// </summary>
    public static async Task<(string Key, List<string> RecoveryCodes, string UsedCode)> EnrolOnAccountPageAsync(this OidcTestClient browser)
    {
        var key = KeyOn(await browser.Http.GetStringAsync("/account/mfa"));
        var used = Totp(key);
        var enabled = await browser.SubmitAsync("/account/mfa", "Enable", new Dictionary<string, string> { ["Code"] = used });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = RecoveryCodesOn(await enabled.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        return (key, codes, used);
    }

    /// <summary>A new employee of the fixture's server, logged in in <paramref name="browser"/> and enrolled at <c>/account/mfa</c>.</summary>
    public static async Task<(string Email, string Key, List<string> RecoveryCodes, string UsedCode)> EnrolledEmployeeAsync(
        this OidcTestClient browser, IdentityFixture fixture)
    {
        var email = await fixture.CreateUserAsync("Employee");
        await browser.LoginAsync(email, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);
        var (key, codes, used) = await browser.EnrolOnAccountPageAsync();
        return (email, key, codes, used);
    }

    /// <summary>A mandatory enrolment right after the password (<c>/account/login/enrol</c>); returns the key.</summary>
    public static async Task<string> EnrolAfterPasswordAsync(this OidcTestClient browser, string email)
    {
        var enrolPage = ExpectRedirect((await browser.PasswordStepAsync(email)).AfterPassword, EnrolPage);
        var key = KeyOn(await browser.Http.GetStringAsync(enrolPage));
        var enrolled = await browser.SubmitAsync(enrolPage, null, new Dictionary<string, string> { ["Code"] = Totp(key) });
        Assert.Equal(10, RecoveryCodesOn(await enrolled.Content.ReadAsStringAsync()).Count);
        return key;
    }

    /// <summary>A code-flow login to the PWA redirect (no consent page) up to the password; returns the authorize URL, PKCE and where the password led.</summary>
    public static async Task<(string Url, OidcTestClient.Pkce Pkce, HttpResponseMessage AfterPassword)> PasswordStepAsync(
        this OidcTestClient browser, string email, string password = IdentityHost.DemoPassword)
    {
        var pkce = OidcTestClient.Pkce.New();
        var url = OidcTestClient.AuthorizeUrl(pkce, "mfa", redirectUri: IdentityHost.PwaRedirect);
        var toLogin = await browser.Http.GetAsync(url);
        Assert.Contains("/account/login?", toLogin.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return (url, pkce, await browser.PostLoginAsync(toLogin.Headers.Location!.OriginalString, email, password));
    }

    /// <summary>The whole login of a user with a second factor: password, then <paramref name="code"/>; returns the tokens.</summary>
    public static async Task<TokenResponse> LoginWithCodeAsync(this OidcTestClient browser, string email, Func<string> code)
    {
        var (_, pkce, afterPassword) = await browser.PasswordStepAsync(email);
        var codePage = ExpectRedirect(afterPassword, CodePage);
        var afterCode = await browser.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = code() });
        var toAuthorize = ExpectRedirect(afterCode, "/authorize?");
        return await browser.RedeemAsync(await browser.Http.GetAsync(toAuthorize), pkce);
    }

    /// <summary>Redeems the code in the redirect /authorize answered with.</summary>
    public static async Task<TokenResponse> RedeemAsync(this OidcTestClient browser, HttpResponseMessage authorized, OidcTestClient.Pkce pkce)
    {
        var redirect = ExpectRedirect(authorized, IdentityHost.PwaRedirect + "?");
        var code = QueryHelpers.ParseQuery(new Uri(redirect).Query)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), $"No code in {redirect}");
        return await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(code, pkce.Verifier, redirectUri: IdentityHost.PwaRedirect));
    }

    public static string ExpectRedirect(HttpResponseMessage response, string startingWith)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(startingWith, location, StringComparison.Ordinal);
        return location;
    }

    /// <summary>The ID token's <c>amr</c> (always an array) and <c>acr</c> (null when absent).</summary>
    public static (string[] Amr, string? Acr) Methods(string idToken)
    {
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(idToken).EncodedPayload)).RootElement;
        Assert.Equal(JsonValueKind.Array, payload.GetProperty("amr").ValueKind);
        var amr = payload.GetProperty("amr").EnumerateArray().Select(e => e.GetString()!).ToArray();
        return (amr, payload.TryGetProperty("acr", out var acr) ? acr.GetString() : null);
    }

    public const string MultiFactorAcr = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

    [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyField();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
