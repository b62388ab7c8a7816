using System.Net;
using Timesheets.Identity.Tests.Device;
using static Timesheets.Identity.Tests.Mfa.MfaSteps;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>A device login (RFC 8628) allowed from a session made with the second factor says so in its ID tokens, refreshed ones too.</summary>
public abstract class DeviceMfaTests(MfaFixture fixture)
{
    [Fact]
    public async Task DeviceFlow_AllowedFromASecondFactorSession_IdTokensCarryAmrAndAcrAfterRefresh()
    {
        using var session = new DeviceSession(fixture.Host);
        var (email, _, _, _) = await session.Browser.EnrolledEmployeeAsync(fixture);

        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());
        var page = await session.Browser.ReachConfirmationAsync("/activate?user_code=" + Uri.EscapeDataString(code.UserCode!), email);
        Assert.Equal(HttpStatusCode.Redirect, (await session.DecideAsync(page, "Allow")).StatusCode);
        var tokens = await session.PollAsync(code.DeviceCode!);
        Assert.False(tokens.IsError, tokens.Error);

        var refreshed = await OidcTestClient.ExpectTokensAsync(await session.Browser.RefreshAsync(tokens.RefreshToken!, OidcTestClient.CliClient));
        foreach (var idToken in new[] { tokens.IdentityToken!, refreshed.IdToken! })
        {
            Assert.Equal(["pwd", "otp", "mfa"], Methods(idToken).Amr);
            Assert.Equal(MultiFactorAcr, Methods(idToken).Acr);
        }
    }
}

[Collection(SqliteMfaCollection.Name)]
public sealed class DeviceMfaTestsOnSqlite(SqliteMfaFixture f) : DeviceMfaTests(f);

[Collection(PostgresMfaCollection.Name)]
public sealed class DeviceMfaTestsOnPostgres(PostgresMfaFixture f) : DeviceMfaTests(f);
