using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Timesheets.Identity.Tests.Sessions;

/// <summary>
/// <c>max_age</c> (OIDC Core §3.1.2.1): a session older than it must not answer without the password
/// again; a younger one must. Time passes on a test clock that the session cookie's issue time and
/// the authorization endpoint both read, so "older" does not depend on how fast the machine is.
/// </summary>
public sealed class MaxAgeTests
{
    private static readonly Dictionary<string, string?> MaxAgeOne = new() { ["max_age"] = "1" };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MaxAge1_SessionTwoSecondsOld_AsksForThePasswordThenIssuesACodeWithANewAuthTime(string provider)
    {
        var clock = new FakeTimeProvider(SevenTenthsPastASecond());
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "maxage-old"), clock);
        using var browser = host.CreateOidcClient();
        var first = await browser.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        clock.Advance(TimeSpan.FromSeconds(2));
        var pkce = OidcTestClient.Pkce.New();
        var url = OidcTestClient.AuthorizeUrl(pkce, "s", MaxAgeOne, redirectUri: IdentityHost.PwaRedirect);
        var response = await browser.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login?", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The password typed now satisfies max_age: the login page leads back to a code, not to itself.
        var redirect = await browser.AuthorizeAsync(url, IdentityHost.Employee, IdentityHost.DemoPassword);
        var code = CodeFrom(redirect);
        var second = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(code, pkce.Verifier, redirectUri: IdentityHost.PwaRedirect));
        Assert.Equal(AuthTime(first.IdToken!) + 2, AuthTime(second.IdToken!));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MaxAge1_SessionHalfASecondOld_IssuesACodeWithoutThePassword(string provider)
    {
        var clock = new FakeTimeProvider(SevenTenthsPastASecond());
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "maxage-new"), clock);
        using var browser = host.CreateOidcClient();
        var first = await browser.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        clock.Advance(TimeSpan.FromMilliseconds(500));
        var pkce = OidcTestClient.Pkce.New();
        var response = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(pkce, "s", MaxAgeOne, redirectUri: IdentityHost.PwaRedirect));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = CodeFrom(response.Headers.Location!);
        var second = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(code, pkce.Verifier, redirectUri: IdentityHost.PwaRedirect));
        Assert.Equal(AuthTime(first.IdToken!), AuthTime(second.IdToken!));
    }

    // auth_time and the cookie's issue time are whole seconds: a login at .7 s is stamped .0, so the
    // session looks 0.7 s older than it is. A session half a second old must still count as fresh.
    private static DateTimeOffset SevenTenthsPastASecond() =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddMilliseconds(700);

    private static string CodeFrom(Uri redirect)
    {
        Assert.StartsWith(IdentityHost.PwaRedirect + "?", redirect.OriginalString, StringComparison.Ordinal);
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), $"No code in {redirect}");
        return code;
    }

    private static long AuthTime(string idToken)
    {
        Assert.True(new JsonWebToken(idToken).TryGetPayloadValue<long>("auth_time", out var value), "auth_time is missing.");
        return value;
    }
}
