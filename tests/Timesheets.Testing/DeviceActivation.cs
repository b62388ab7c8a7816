using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Timesheets.Testing;

/// <summary>
/// The user's side of a device login (RFC 8628) in a browser: <c>/activate</c> with a code, the real
/// login form when there is no session, and the Allow / Deny buttons with their antiforgery token.
/// </summary>
public static partial class DeviceActivation
{
    /// <summary>
    /// Opens an <c>/activate</c> URL that carries a code (typed into the form, or the device's
    /// <c>verification_uri_complete</c>), logs in when asked; returns the confirmation page's HTML.
    /// </summary>
    public static async Task<string> ReachConfirmationAsync(this OidcTestClient browser, string activateUrl, string email,
        string password = IdentityHost.DemoPassword)
    {
        var response = await browser.Http.GetAsync(activateUrl);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal))
        {
            var login = await browser.PostLoginAsync(response.Headers.Location.OriginalString, email, password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            response = await browser.Http.GetAsync(login.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Presses <c>Allow</c> or <c>Deny</c> on a confirmation page; returns where the browser is sent.</summary>
    public static async Task<HttpResponseMessage> DecideAsync(this OidcTestClient browser, string confirmationPage, string handler)
    {
        var token = AntiforgeryField().Match(confirmationPage).Groups[1].Value;
        var userCode = UserCodeField().Match(confirmationPage).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token) || string.IsNullOrEmpty(userCode), "the confirmation form lacks its antiforgery token or user code");
        return await browser.Http.PostAsync("/activate?handler=" + handler, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = WebUtility.HtmlDecode(userCode),
            ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("type=\"hidden\" name=\"user_code\" value=\"([^\"]*)\"")]
    private static partial Regex UserCodeField();
}
