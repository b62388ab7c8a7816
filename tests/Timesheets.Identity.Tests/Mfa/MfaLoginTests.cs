using System.Net;
using static Timesheets.Identity.Tests.Mfa.MfaSteps;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>
/// Logins with an authenticator app, end to end through the real pages: enrolment on the account
/// page, the code step after the password, recovery codes, and what the ID token says about it.
/// </summary>
public abstract class MfaLoginTests(MfaFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task TotpLogin_EnrolledOnTheAccountPage_AsksForTheCodeAfterThePasswordAndTheIdTokenSaysMfa()
    {
        using var first = Host.CreateOidcClient();
        var (email, key, _, enrolmentCode) = await first.EnrolledEmployeeAsync(fixture);

        using var browser = Host.CreateOidcClient();
        var (url, pkce, afterPassword) = await browser.PasswordStepAsync(email);
        var codePage = ExpectRedirect(afterPassword, CodePage);

        // The right password alone is no session: /authorize still wants a login.
        ExpectRedirect(await browser.Http.GetAsync(url), "http://localhost/account/login?");

        // A code already accepted once (here: the enrolment's) is refused, though still within its window.
        var replayed = await browser.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = enrolmentCode });
        Assert.Contains(Refused, await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var afterCode = await browser.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = Totp(key, 1) });
        var tokens = await browser.RedeemAsync(await browser.Http.GetAsync(ExpectRedirect(afterCode, "/authorize?")), pkce);
        var (amr, acr) = Methods(tokens.IdToken!);
        Assert.Equal(["pwd", "otp", "mfa"], amr);
        Assert.Equal(MultiFactorAcr, acr);
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1030);
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Message.Contains(key, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AmrAndAcr_AfterRefresh_StillSayTheLoginUsedTheSecondFactor()
    {
        using var browser = Host.CreateOidcClient();
        var (email, key, _, _) = await browser.EnrolledEmployeeAsync(fixture);

        using var app = Host.CreateOidcClient();
        var tokens = await app.LoginWithCodeAsync(email, () => Totp(key, 1));
        var refreshed = await OidcTestClient.ExpectTokensAsync(await app.RefreshAsync(tokens.RefreshToken!));
        var again = await OidcTestClient.ExpectTokensAsync(await app.RefreshAsync(refreshed.RefreshToken!));

        foreach (var idToken in new[] { refreshed.IdToken!, again.IdToken! })
        {
            Assert.Equal(["pwd", "otp", "mfa"], Methods(idToken).Amr);
            Assert.Equal(MultiFactorAcr, Methods(idToken).Acr);
        }
    }

    [Fact]
    public async Task WrongCode_CountsTowardThePairBlockLikeAWrongPassword_WhileTheUserLogsInFromElsewhere()
    {
        using var owner = Host.CreateOidcClient(IPAddress.Parse("198.51.100.31"));
        var (email, key, _, _) = await owner.EnrolledEmployeeAsync(fixture);

        // Someone who knows the password: it takes one slot, each wrong code one more; the last one blocks the pair.
        using var attacker = Host.CreateOidcClient(IPAddress.Parse("203.0.113.31"));
        var codePage = ExpectRedirect((await attacker.PasswordStepAsync(email)).AfterPassword, CodePage);
        for (var i = 1; i < MfaFixture.MaxFailures; i++)
        {
            var wrong = await attacker.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = WrongTotp(key) });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(Refused, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Blocked: the right code, and then the right password, are refused from that address.
        var right = await attacker.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = Totp(key) });
        Assert.Contains(Refused, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var password = await attacker.PostLoginAsync("/account/login", email, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        Assert.Contains("Wrong email or password", await password.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1032);

        // The owner, from their own address, is not locked out.
        using var elsewhere = Host.CreateOidcClient(IPAddress.Parse("198.51.100.32"));
        var tokens = await elsewhere.LoginWithCodeAsync(email, () => Totp(key, 1));
        Assert.Equal(MultiFactorAcr, Methods(tokens.IdToken!).Acr);
    }

    [Fact]
    public async Task WrongCodes_FromManyAddresses_LockTheAccountForAFewMinutes()
    {
        using var owner = Host.CreateOidcClient(IPAddress.Parse("198.51.100.51"));
        var (email, key, _, _) = await owner.EnrolledEmployeeAsync(fixture);

        // Five wrong codes in a row, two per address (the pair's other slot is the password's), as a botnet would.
        for (var wrongCodes = 0; wrongCodes < 5;)
        {
            using var bot = Host.CreateOidcClient(IPAddress.Parse($"203.0.113.{60 + wrongCodes}"));
            var codePage = ExpectRedirect((await bot.PasswordStepAsync(email)).AfterPassword, CodePage);
            for (var i = 0; i < MfaFixture.MaxFailures - 1 && wrongCodes < 5; i++, wrongCodes++)
            {
                await bot.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = WrongTotp(key) });
            }
        }

        // Now even the right password and code from a fresh address are refused.
        using var fresh = Host.CreateOidcClient(IPAddress.Parse("198.51.100.52"));
        var refused = (await fresh.PasswordStepAsync(email)).AfterPassword;
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Wrong email or password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryCode_LogsInOnce_AndIsRefusedTheSecondTime()
    {
        using var owner = Host.CreateOidcClient();
        var (email, _, codes, _) = await owner.EnrolledEmployeeAsync(fixture);

        using var lostPhone = Host.CreateOidcClient(IPAddress.Parse("198.51.100.41"));
        // Typed as people type it: lower case, without the dash.
        var tokens = await lostPhone.LoginWithCodeAsync(email, () => codes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal(MultiFactorAcr, Methods(tokens.IdToken!).Acr);

        using var again = Host.CreateOidcClient(IPAddress.Parse("198.51.100.42"));
        var codePage = ExpectRedirect((await again.PasswordStepAsync(email)).AfterPassword, CodePage);
        var reused = await again.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains(Refused, await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var other = await again.SubmitAsync(codePage, null, new Dictionary<string, string> { ["Code"] = codes[1] });
        ExpectRedirect(other, "/authorize?");
        Assert.Equal(2, Host.Logs.Lines.Count(l => l.EventId == 1033));
    }

    [Fact]
    public async Task CodePage_WithoutThePasswordStep_SendsBackToTheLoginPage()
    {
        using var browser = Host.CreateOidcClient();

        ExpectRedirect(await browser.Http.GetAsync(CodePage), "/account/login");
        ExpectRedirect(await browser.Http.GetAsync(EnrolPage), "/account/login");
    }
}

[Collection(SqliteMfaCollection.Name)]
public sealed class MfaLoginTestsOnSqlite(SqliteMfaFixture f) : MfaLoginTests(f);

[Collection(PostgresMfaCollection.Name)]
public sealed class MfaLoginTestsOnPostgres(PostgresMfaFixture f) : MfaLoginTests(f);
