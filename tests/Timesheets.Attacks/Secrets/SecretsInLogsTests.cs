using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Timesheets.Attacks.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Attacks.Secrets;

/// <summary>
/// Logs are read by more people than tokens should be: a full scenario runs against both services
/// (login, code, refresh, client credentials, API calls, upload, userinfo, revocation, and failed
/// attempts), then every line either host logged — at Debug, EF Core included — must hold none of
/// the passwords, client secrets, codes or tokens that went by.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class SecretsInLogsTests(AttackFixture fixture)
{
    private const string WrongPassword = "Wrong-password-for-log-test-7531";
    private const string WrongSecret = "wrong-import-secret-for-log-test-2468";

    [Fact]
    public async Task FullScenario_OnBothServices_LogsNoPasswordSecretCodeOrToken()
    {
        var secrets = new Dictionary<string, string>
        {
            ["the demo password"] = IdentityHost.DemoPassword,
            ["a wrong password"] = WrongPassword,
            ["the import client's secret"] = IdentityHost.ImportSecret,
            ["the API client's secret"] = IdentityHost.ApiSecret,
            ["a wrong client secret"] = WrongSecret,
        };
        using var browser = fixture.Identity.CreateOidcClient();

        // A failed login first, then the real one, capturing the authorization code on the way.
        var failed = await browser.PostLoginAsync("/account/login?ReturnUrl=%2F", IdentityHost.Manager, WrongPassword);
        Assert.NotEqual(HttpStatusCode.Redirect, failed.StatusCode);
        var pkce = OidcTestClient.Pkce.New();
        var redirect = await browser.AuthorizeAsync(OidcTestClient.AuthorizeUrl(pkce, "log-test"), IdentityHost.Employee, IdentityHost.DemoPassword);
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        Assert.NotEmpty(code);
        secrets["the authorization code"] = code;
        var tokens = await OidcTestClient.ExpectTokensAsync(await browser.RedeemCodeAsync(code, pkce.Verifier));
        var refreshed = await OidcTestClient.ExpectTokensAsync(await browser.RefreshAsync(tokens.RefreshToken!));
        AddTokens(secrets, "first", tokens);
        AddTokens(secrets, "refreshed", refreshed);

        var machine = await OidcTestClient.ExpectTokensAsync(await browser.ClientCredentialsAsync());
        AddTokens(secrets, "machine", machine);
        var refused = await browser.ClientCredentialsAsync(secret: WrongSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // The API: entries, lists, a bad request, the upload, and a token that is no longer any good.
        using var api = fixture.Api.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/me")).StatusCode);
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/timesheets", new { date = day, project = "Internal", hours = 1.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/timesheets")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync("/timesheets", new { date = day, hours = 99 })).StatusCode);
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/timesheets/upload")
        {
            Content = JsonContent.Create(new[] { new { user_id = IdentityHost.Employee, date = fixture.NextDay().ToString("yyyy-MM-dd"), project = "Internal", hours = 2, external_id = "log-test-1" } }),
        };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", machine.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(upload)).StatusCode);
        using var tampered = new HttpRequestMessage(HttpMethod.Get, "/me");
        tampered.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.AccessToken[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(tampered)).StatusCode);

        // Identity again: userinfo, revocation, and reuse of the rotated refresh token.
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, "/userinfo");
        userinfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.SendAsync(userinfo)).StatusCode);
        var revoke = await browser.Http.PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = refreshed.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = OidcTestClient.MobileClient,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False((await browser.RefreshAsync(tokens.RefreshToken!)).IsSuccessStatusCode);

        foreach (var (i, token) in (await fixture.CachedTokensAsync()).Index())
        {
            secrets[$"cached access token {i}"] = token;
        }

        var lines = fixture.Identity.Logs.Lines.Select(l => ("identity", l)).Concat(fixture.Api.Logs.Lines.Select(l => ("api", l))).ToList();
        Assert.Contains(lines, l => l.Item1 == "identity");
        Assert.Contains(lines, l => l.Item1 == "api");
        var leaks = (from line in lines
                     from secret in secrets
                     where Contains(line.Item2, secret.Value)
                     select $"{secret.Key} in the {line.Item1} log [{line.Item2.Category}]: {Trim(line.Item2.Message)}").Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leak(s):{Environment.NewLine}{string.Join(Environment.NewLine, leaks.Take(20))}");
    }

    private static void AddTokens(Dictionary<string, string> secrets, string name, TokenResponse tokens)
    {
        secrets[$"the {name} access token"] = tokens.AccessToken;
        // A JWT's signature alone is enough to show the whole token was written somewhere.
        if (tokens.AccessToken.Split('.') is [_, _, { Length: > 20 } signature])
        {
            secrets[$"the {name} access token's signature"] = signature;
        }

        if (tokens.RefreshToken is not null)
        {
            secrets[$"the {name} refresh token"] = tokens.RefreshToken;
        }

        if (tokens.IdToken is not null)
        {
            secrets[$"the {name} ID token"] = tokens.IdToken;
        }
    }

    private static bool Contains(LogCapture.LogLine line, string secret) =>
        line.Message.Contains(secret, StringComparison.Ordinal) || (line.Exception?.Contains(secret, StringComparison.Ordinal) ?? false);

    private static string Trim(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
