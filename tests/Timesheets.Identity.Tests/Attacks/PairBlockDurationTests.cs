using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using static Timesheets.Identity.Tests.Attacks.PairBlockSteps;

namespace Timesheets.Identity.Tests.Attacks;

/// <summary>
/// Each new block of a pair lasts twice the one before, up to Identity:MaxLockoutDuration. Minutes pass
/// on a test clock the throttle reads, so a block neither ends early nor outlasts a slow machine.
/// </summary>
public sealed class PairBlockDurationTests
{
    private const int Max = 3;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Login_PairBlockedAgainAfterEachBlockEnds_IsBlockedTwiceAsLongUpToTheCap(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "pairblock-cap"), clock, new Dictionary<string, string?>
        {
            ["Identity:MaxFailedLogins"] = Max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Identity:LockoutDuration"] = "00:02:00",
            ["Identity:MaxLockoutDuration"] = "00:05:00",
        });
        var email = await CreateUserAsync(host);
        using var attacker = host.CreateOidcClient(Attacker);

        // Blocks of 2, 4, then 5 (the cap) and 5 minutes: refused a second before each ends, let in a second after.
        foreach (var minutes in new[] { 2, 4, 5, 5 })
        {
            await FailAsync(attacker, email, Max);
            clock.Advance(TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(1));
            await AssertRefusedAsync(attacker, email);
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        // The right passwords refused above took no slot: each round's Max failures were all it took.
        Assert.Equal(["00:02:00", "00:04:00", "00:05:00", "00:05:00"], Blocks(host).Select(b => Regex.Match(b, @"for (\d\d:\d\d:\d\d) after").Groups[1].Value));
    }
}
