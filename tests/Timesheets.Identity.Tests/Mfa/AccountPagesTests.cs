using System.Net;
using System.Text.RegularExpressions;
using static Timesheets.Identity.Tests.Mfa.MfaSteps;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>The user's own pages: changing the password, and ending an app's login from "Apps you are logged in to".</summary>
public abstract partial class AccountPagesTests(MfaFixture fixture)
{
    private const string NewPassword = "A-brand-new-password-2026";

    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task ChangePassword_WithTheCurrentOne_TakesTheNewOneAndEndsTheOtherSessions()
    {
        var email = await fixture.CreateUserAsync("Employee");
        using var here = Host.CreateOidcClient();
        using var elsewhere = Host.CreateOidcClient();
        await here.LoginAsync(email, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);
        await elsewhere.LoginAsync(email, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);

        var wrong = await here.SubmitAsync("/account/password", null, Form("not-my-password-at-all", NewPassword));
        Assert.Contains("id=\"password-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooShort = await here.SubmitAsync("/account/password", null, Form(IdentityHost.DemoPassword, "short"));
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await here.SubmitAsync("/account/password", null, Form(IdentityHost.DemoPassword, NewPassword));
        var page = await changed.Content.ReadAsStringAsync();
        Assert.Contains("id=\"password-changed\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await here.Http.GetAsync("/account")).StatusCode);
        ExpectRedirect(await elsewhere.Http.GetAsync("/account"), "http://localhost/account/login");
        using var next = Host.CreateOidcClient();
        Assert.Equal(HttpStatusCode.OK, (await next.PostLoginAsync("/account/login", email, IdentityHost.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await next.PostLoginAsync("/account/login", email, NewPassword)).StatusCode);
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1037);
    }

    [Fact]
    public async Task RevokeSession_OnTheSessionsPage_MakesThatAppsRefreshFail()
    {
        var email = await fixture.CreateUserAsync("Employee");
        using var browser = Host.CreateOidcClient();
        var kept = await browser.LoginAsync(email, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);
        using var otherApp = Host.CreateOidcClient();
        var ended = await otherApp.LoginAsync(email, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);

        var listed = AuthorizationIds(await browser.Http.GetStringAsync("/account/sessions"));
        Assert.Equal(2, listed.Count);
        // The other app's login is the newer one: the page lists newest first.
        var revoked = await browser.SubmitAsync("/account/sessions", "Revoke", new Dictionary<string, string> { ["AuthorizationId"] = listed[0] });
        Assert.Contains("id=\"sessions-status\"", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var refused = await OidcTestClient.ExpectErrorAsync(await otherApp.RefreshAsync(ended.RefreshToken!));
        Assert.Equal("invalid_grant", refused.Error);
        await OidcTestClient.ExpectTokensAsync(await browser.RefreshAsync(kept.RefreshToken!));
        Assert.Single(AuthorizationIds(await browser.Http.GetStringAsync("/account/sessions")));
    }

    [Fact]
    public async Task RevokeSession_OfAnotherUser_IsNotFoundAndTheirAppKeepsWorking()
    {
        var mine = await fixture.CreateUserAsync("Employee");
        var theirs = await fixture.CreateUserAsync("Employee");
        using var me = Host.CreateOidcClient();
        using var them = Host.CreateOidcClient();
        await me.LoginAsync(mine, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);
        var theirTokens = await them.LoginAsync(theirs, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);
        var theirId = Assert.Single(AuthorizationIds(await them.Http.GetStringAsync("/account/sessions")));

        var attempt = await me.SubmitAsync("/account/sessions", "Revoke", new Dictionary<string, string> { ["AuthorizationId"] = theirId });

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        await OidcTestClient.ExpectTokensAsync(await them.RefreshAsync(theirTokens.RefreshToken!));
    }

    private static Dictionary<string, string> Form(string current, string next) => new()
    {
        ["CurrentPassword"] = current,
        ["NewPassword"] = next,
        ["ConfirmPassword"] = next,
    };

    /// <summary>The active logins' ids, as the page lists them (newest first).</summary>
    private static List<string> AuthorizationIds(string html) => [.. RevokeField().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("name=\"AuthorizationId\" value=\"([^\"]+)\"")]
    private static partial Regex RevokeField();
}

[Collection(SqliteMfaCollection.Name)]
public sealed class AccountPagesTestsOnSqlite(SqliteMfaFixture f) : AccountPagesTests(f);

[Collection(PostgresMfaCollection.Name)]
public sealed class AccountPagesTestsOnPostgres(PostgresMfaFixture f) : AccountPagesTests(f);
