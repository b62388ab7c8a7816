using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Tests.Attacks;

/// <summary>
/// Brute-force protection blocks (account, client address) pairs, never the account: an attacker's
/// address is refused after N failures while the real user logs in from elsewhere.
/// </summary>
public abstract class PairBlockTests(string provider) : IAsyncLifetime
{
    private const int Max = 3;
    private const string Refused = "Wrong email or password, or the account is temporarily locked";
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress RealUser = IPAddress.Parse("198.51.100.20");

    private IdentityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new IdentityHost(await TestDatabase.CreateAsync(provider, "pairblock"), new Dictionary<string, string?>
        {
            ["Identity:MaxFailedLogins"] = Max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Identity:LockoutDuration"] = "00:00:02",
            ["Identity:MaxLockoutDuration"] = "00:00:05",
        });
        _ = _host.Server;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> CreateUserAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"pair-{Guid.NewGuid():N}@exampleco.com";
        Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = "Pair Test" }, IdentityHost.DemoPassword)).Succeeded);
        return email;
    }

    private static async Task FailAsync(OidcTestClient client, string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var response = await client.PostLoginAsync("/account/login", email, "wrong-password-" + i);
            Assert.Contains(Refused, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task AssertRefusedAsync(OidcTestClient client, string email)
    {
        var response = await client.PostLoginAsync("/account/login", email, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refused, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private IEnumerable<LogCapture.LogLine> Security(int eventId) =>
        _host.Logs.Lines.Where(l => l.EventId == eventId && l.Category.StartsWith("Timesheets.Identity.Security", StringComparison.Ordinal));

    private List<string> Blocks() => [.. Security(1006).Select(l => l.Message)];

    [Fact]
    public async Task Login_AttackerAddressFailsN_IsBlockedEvenWithTheRightPasswordWhileTheUserLogsInFromElsewhere()
    {
        var email = await CreateUserAsync();
        using var attacker = _host.CreateOidcClient(Attacker);
        using var user = _host.CreateOidcClient(RealUser);

        await FailAsync(attacker, email, Max);
        await AssertRefusedAsync(attacker, email);

        var real = await user.PostLoginAsync("/account/login", email, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Single(Blocks());
        Assert.NotEmpty(Security(1007));
    }

    [Fact]
    public async Task Login_PairBlockedAgainAfterItsBlockEnds_IsBlockedTwiceAsLongUpToTheCap()
    {
        var email = await CreateUserAsync();
        using var attacker = _host.CreateOidcClient(Attacker);

        await FailAsync(attacker, email, Max);
        await Task.Delay(TimeSpan.FromSeconds(2.3));
        await FailAsync(attacker, email, Max);
        await Task.Delay(TimeSpan.FromSeconds(2.3));
        await AssertRefusedAsync(attacker, email); // 4 s block: still refused after 2.3 s
        await Task.Delay(TimeSpan.FromSeconds(2));
        await FailAsync(attacker, email, Max); // the refused right password above took no slot

        var blocks = Blocks();
        Assert.Equal(3, blocks.Count);
        Assert.Contains("00:00:02", blocks[0], StringComparison.Ordinal);
        Assert.Contains("00:00:04", blocks[1], StringComparison.Ordinal);
        Assert.Contains("00:00:05", blocks[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ParallelWrongGuessesFromOneAddress_NeverVerifyMoreThanNBeforeTheBlock()
    {
        var email = await CreateUserAsync();
        // One client (cookie jar, antiforgery token) per guess, all from the same address.
        var attackers = Enumerable.Range(0, 24).Select(_ => _host.CreateOidcClient(Attacker)).ToList();

        var answers = await Task.WhenAll(attackers.Select((a, i) => a.PostLoginAsync("/account/login", email, "parallel-guess-" + i)));
        attackers.ForEach(a => a.Dispose());

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        // 1002: a password really checked against the account; 1007: refused without checking it.
        Assert.Equal(Max, Security(1002).Count());
        Assert.Equal(24 - Max, Security(1007).Count());
        Assert.Single(Blocks());
    }

    [Fact]
    public async Task Login_UnknownEmail_IsBlockedAfterTheSameNumberOfFailuresAsAKnownOne()
    {
        var known = await CreateUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@exampleco.com";
        using var attacker = _host.CreateOidcClient(Attacker);

        await FailAsync(attacker, known, Max - 1);
        await FailAsync(attacker, unknown, Max - 1);
        Assert.Empty(Blocks());

        await FailAsync(attacker, known, 1);
        await FailAsync(attacker, unknown, 1);
        Assert.Equal(2, Blocks().Count);
        var refusedKnown = await attacker.PostLoginAsync("/account/login", known, "another-guess-1");
        var refusedUnknown = await attacker.PostLoginAsync("/account/login", unknown, "another-guess-1");
        Assert.Equal(refusedKnown.StatusCode, refusedUnknown.StatusCode);
        Assert.Equal(2, Security(1007).Count());
    }
}

public sealed class PairBlockTestsOnSqlite() : PairBlockTests("Sqlite");

public sealed class PairBlockTestsOnPostgres() : PairBlockTests("Postgres");
