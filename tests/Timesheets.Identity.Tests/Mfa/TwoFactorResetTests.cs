using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Users;
using static Timesheets.Identity.Tests.Mfa.MfaSteps;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>
/// The admin's reset of a user's second factor (<see cref="TwoFactorReset"/>), called as the management
/// API and the admin pages call it: the authenticator and recovery codes are gone, every session ends.
/// </summary>
public abstract class TwoFactorResetTests(MfaFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Reset_EnrolledEmployee_RemovesTheFactorEndsEverySessionAndTheNextLoginNeedsOnlyThePassword()
    {
        using var browser = Host.CreateOidcClient();
        var (email, key, codes, _) = await browser.EnrolledEmployeeAsync(fixture);
        using var app = Host.CreateOidcClient();
        var tokens = await app.LoginWithCodeAsync(email, () => Totp(key, 1));

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await scope.ServiceProvider.GetRequiredService<TwoFactorReset>().ResetAsync((await users.FindByEmailAsync(email))!);
        }

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.False(user.TwoFactorEnabled);
            Assert.Null(await users.GetAuthenticatorKeyAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
        }

        ExpectRedirect(await browser.Http.GetAsync("/account"), "http://localhost/account/login");
        ExpectRedirect(await app.Http.GetAsync("/account"), "http://localhost/account/login");
        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(await app.RefreshAsync(tokens.RefreshToken!))).Error);
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1034);

        using var next = Host.CreateOidcClient();
        var after = await next.LoginAsync(email, IdentityHost.DemoPassword, redirectUri: IdentityHost.PwaRedirect);
        Assert.Equal(["pwd"], Methods(after.IdToken!).Amr);
    }

    [Fact]
    public async Task Reset_ManagerWhoseRoleRequiresIt_IsSentToEnrolmentAgainWithANewKey()
    {
        var email = await fixture.CreateUserAsync("Manager");
        using var browser = Host.CreateOidcClient();
        var oldKey = await browser.EnrolAfterPasswordAsync(email);

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await scope.ServiceProvider.GetRequiredService<TwoFactorReset>().ResetAsync((await users.FindByEmailAsync(email))!);
        }

        using var next = Host.CreateOidcClient();
        var again = ExpectRedirect((await next.PasswordStepAsync(email)).AfterPassword, EnrolPage);
        Assert.NotEqual(oldKey, KeyOn(await next.Http.GetStringAsync(again)));
    }
}

[Collection(SqliteMfaCollection.Name)]
public sealed class TwoFactorResetTestsOnSqlite(SqliteMfaFixture f) : TwoFactorResetTests(f);

[Collection(PostgresMfaCollection.Name)]
public sealed class TwoFactorResetTestsOnPostgres(PostgresMfaFixture f) : TwoFactorResetTests(f);
