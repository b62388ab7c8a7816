using System.Net;
using Microsoft.Extensions.Time.Testing;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Device;

/// <summary>A device code left unused expires with its user code (Identity:DeviceCodeLifetime, 10 minutes by default).</summary>
public sealed class DeviceExpiryTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task DeviceCode_PastItsLifetime_PollGetsExpiredTokenAndActivateRefusesTheCode(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "device-expiry"), clock);
        using var session = new DeviceSession(host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("authorization_pending", (await session.PollAsync(code.DeviceCode!)).Error);

        clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await session.PollAsync(code.DeviceCode!);
        var activate = await session.EnterCodeAsync(code.UserCode!);

        Assert.Equal("expired_token", expired.Error);
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        Assert.Contains("That code is not valid", await activate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
