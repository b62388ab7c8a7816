using System.Net;
using Timesheets.Identity.Tests.Infrastructure;
using static Timesheets.Identity.Tests.Mfa.MfaSteps;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// <c>DELETE /api/v2/users/{id}/authenticators</c> resets a second factor the way the admin page does
/// (<c>TwoFactorReset</c>): the factor is gone and the user's apps are signed out, their refresh token refused.
/// </summary>
public abstract class SecondFactorResetApiTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task AdminReset_EnrolledEmployee_FactorGone_RefreshTokenFailsWithInvalidGrant()
    {
        using var browser = Host.CreateOidcClient();
        var (email, key, _, _) = await browser.EnrolledEmployeeAsync(fixture);
        using var app = Host.CreateOidcClient();
        var tokens = await app.LoginWithCodeAsync(email, () => Totp(key, 1));
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        var id = await ConfirmPagesTests.UserIdAsync(admin, email);
        Assert.Equal(["totp"], (await admin.ExpectAsync<ManagementUser>(HttpMethod.Get, "/api/v2/users/" + id)).Multifactor);

        using (var reset = await admin.SendAsync(HttpMethod.Delete, $"/api/v2/users/{id}/authenticators"))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(await app.RefreshAsync(tokens.RefreshToken!))).Error);
        Assert.Empty((await admin.ExpectAsync<ManagementUser>(HttpMethod.Get, "/api/v2/users/" + id)).Multifactor);
        Assert.Contains(await admin.LogsAboutAsync(id), l => l.Description.StartsWith("Reset the second factor", StringComparison.Ordinal));
    }
}
