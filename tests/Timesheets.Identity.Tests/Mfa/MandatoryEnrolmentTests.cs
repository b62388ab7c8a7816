using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using static Timesheets.Identity.Tests.Mfa.MfaSteps;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>
/// <c>Mfa:RequiredRoles</c> on (Admin, Manager): a manager without a second factor is sent to enrolment
/// right after the password and gets no session, code or token until the first code from the app matches.
/// </summary>
public abstract partial class MandatoryEnrolmentTests(MfaFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Manager_WithoutASecondFactor_EnrolsAfterThePasswordBeforeAnySessionOrToken()
    {
        var email = await fixture.CreateUserAsync("Manager");
        using var browser = Host.CreateOidcClient();
        var (url, pkce, afterPassword) = await browser.PasswordStepAsync(email);
        var enrolPage = ExpectRedirect(afterPassword, EnrolPage);

        // No session yet: /authorize asks for a login again, and prompt=none gets login_required.
        ExpectRedirect(await browser.Http.GetAsync(url), "http://localhost/account/login?");
        var silent = await browser.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "silent",
            new Dictionary<string, string?> { ["prompt"] = "none" }, redirectUri: IdentityHost.PwaRedirect));
        Assert.Equal("login_required", QueryHelpers.ParseQuery(new Uri(ExpectRedirect(silent, IdentityHost.PwaRedirect)).Query)["error"].ToString());
        ExpectRedirect(await browser.Http.GetAsync("/account"), "http://localhost/account/login");

        var key = KeyOn(await browser.Http.GetStringAsync(enrolPage));
        var wrong = await browser.SubmitAsync(enrolPage, null, new Dictionary<string, string> { ["Code"] = WrongTotp(key) });
        Assert.Contains("That code does not match", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var enrolled = await browser.SubmitAsync(enrolPage, null, new Dictionary<string, string> { ["Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var page = await enrolled.Content.ReadAsStringAsync();
        Assert.Equal(10, RecoveryCodesOn(page).Count);
        var next = WebUtility.HtmlDecode(ContinueLink().Match(page).Groups[1].Value);
        Assert.StartsWith("/authorize?", next, StringComparison.Ordinal);

        var tokens = await browser.RedeemAsync(await browser.Http.GetAsync(next), pkce);
        Assert.Equal(MultiFactorAcr, Methods(tokens.IdToken!).Acr);
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1035);

        // From now on the manager's logins ask for the code.
        using var later = Host.CreateOidcClient();
        ExpectRedirect((await later.PasswordStepAsync(email)).AfterPassword, CodePage);
    }

    [Fact]
    public async Task Employee_RoleNotListed_LogsInWithThePasswordAlone()
    {
        var email = await fixture.CreateUserAsync("Employee");
        using var browser = Host.CreateOidcClient();

        var tokens = await browser.LoginAsync(email, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);

        Assert.Equal(["pwd"], Methods(tokens.IdToken!).Amr);
        Assert.Null(Methods(tokens.IdToken!).Acr);
    }

    [Fact]
    public async Task Manager_CannotTurnTheRequiredSecondFactorOff()
    {
        var email = await fixture.CreateUserAsync("Manager");
        using var browser = Host.CreateOidcClient();
        await browser.EnrolAfterPasswordAsync(email);

        var page = await browser.Http.GetStringAsync("/account/mfa");
        Assert.Contains("id=\"mfa-required\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Disable", page, StringComparison.Ordinal);

        // The form is not offered; posting it anyway (with a valid antiforgery token) changes nothing.
        var token = OidcTestClient.AntiforgeryToken(await browser.Http.GetStringAsync("/account/password"));
        var disable = await browser.Http.PostAsync("/account/mfa?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = IdentityHost.DemoPassword,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("id=\"mfa-on\"", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        ExpectRedirect((await Host.CreateOidcClient().PasswordStepAsync(email)).AfterPassword, CodePage);
    }

    [System.Text.RegularExpressions.GeneratedRegex("href=\"([^\"]+)\" id=\"enrol-continue\"")]
    private static partial System.Text.RegularExpressions.Regex ContinueLink();
}

[Collection(SqliteMfaCollection.Name)]
public sealed class MandatoryEnrolmentTestsOnSqlite(SqliteMfaFixture f) : MandatoryEnrolmentTests(f);

[Collection(PostgresMfaCollection.Name)]
public sealed class MandatoryEnrolmentTestsOnPostgres(PostgresMfaFixture f) : MandatoryEnrolmentTests(f);
