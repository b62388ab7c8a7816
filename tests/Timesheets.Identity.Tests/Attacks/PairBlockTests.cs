using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Data;
using Timesheets.ServiceDefaults;
using static Timesheets.Identity.Tests.Attacks.PairBlockSteps;

namespace Timesheets.Identity.Tests.Attacks;

/// <summary>
/// Brute-force protection blocks (account, client address) pairs, never the account: an attacker's
/// address is refused after N failures while the real user logs in from elsewhere. Each test has a
/// host of its own whose block lasts 5 minutes, so no block can end during a test however loaded the
/// machine is; the growth of blocks up to their cap is timed on a test clock (PairBlockDurationTests).
/// </summary>
public abstract class PairBlockTests(string provider) : IAsyncLifetime
{
    private const int Max = 3;

    private static readonly Dictionary<string, string?> LongBlock = new()
    {
        ["Identity:MaxFailedLogins"] = Max.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Identity:LockoutDuration"] = "00:05:00",
        ["Identity:MaxLockoutDuration"] = "00:20:00",
    };

    private IdentityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new IdentityHost(await TestDatabase.CreateAsync(provider, "pairblock"), LongBlock);
        _ = _host.Server;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Login_AttackerAddressFailsN_IsBlockedEvenWithTheRightPasswordWhileTheUserLogsInFromElsewhere()
    {
        var email = await CreateUserAsync(_host);
        using var attacker = _host.CreateOidcClient(Attacker);
        using var user = _host.CreateOidcClient(RealUser);

        await FailAsync(attacker, email, Max);
        await AssertRefusedAsync(attacker, email);

        var real = await user.PostLoginAsync("/account/login", email, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Single(Blocks(_host));
        Assert.NotEmpty(SecurityEvents(_host, 1007));
    }

    [Fact]
    public async Task Login_ParallelWrongGuessesFromOneAddress_NeverVerifyMoreThanNBeforeTheBlock()
    {
        var email = await CreateUserAsync(_host);
        // One client (cookie jar, antiforgery token) per guess, all from the same address.
        var attackers = Enumerable.Range(0, 24).Select(_ => _host.CreateOidcClient(Attacker)).ToList();

        var answers = await Task.WhenAll(attackers.Select((a, i) => a.PostLoginAsync("/account/login", email, "parallel-guess-" + i)));
        attackers.ForEach(a => a.Dispose());

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        // 1002: a password really checked against the account; 1007: refused without checking it.
        Assert.Equal(Max, SecurityEvents(_host, 1002).Count());
        Assert.Equal(24 - Max, SecurityEvents(_host, 1007).Count());
        Assert.Single(Blocks(_host));
    }

    [Fact]
    public async Task Login_UnknownEmail_IsBlockedAfterTheSameNumberOfFailuresAsAKnownOne()
    {
        var known = await CreateUserAsync(_host);
        var unknown = $"nobody-{Guid.NewGuid():N}@exampleco.com";
        using var attacker = _host.CreateOidcClient(Attacker);

        await FailAsync(attacker, known, Max - 1);
        await FailAsync(attacker, unknown, Max - 1);
        Assert.Empty(Blocks(_host));

        await FailAsync(attacker, known, 1);
        await FailAsync(attacker, unknown, 1);
        Assert.Equal(2, Blocks(_host).Count);
        var refusedKnown = await attacker.PostLoginAsync("/account/login", known, "another-guess-1");
        var refusedUnknown = await attacker.PostLoginAsync("/account/login", unknown, "another-guess-1");
        Assert.Equal(refusedKnown.StatusCode, refusedUnknown.StatusCode);
        Assert.Equal(2, SecurityEvents(_host, 1007).Count());
    }

    [Fact]
    public async Task PairKey_ReadFromTheDatabase_CannotBeMatchedByHashingAGuessedEmailAndAddress()
    {
        var email = await CreateUserAsync(_host);
        using var attacker = _host.CreateOidcClient(Attacker);
        await FailAsync(attacker, email, 1);

        await using var scope = _host.Services.CreateAsyncScope();
        var stored = Assert.Single(await scope.ServiceProvider.GetRequiredService<IdentityDataContext>().LoginBlocks.Select(b => b.Key).ToListAsync());
        // What a reader of the table would try: the right email (as normalised, and as typed) and address.
        var client = ClientAddress.Key(Attacker);
        foreach (var guess in new[] { email.ToUpperInvariant(), email })
        {
            Assert.NotEqual(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(guess + "\n" + client))), stored);
        }

        Assert.Equal(64, stored.Length);
    }

    [Fact]
    public async Task Login_BlockedPair_StaysBlockedAfterTheServerRestarts()
    {
        // The pair key's secret comes from the key file, not from the process: a restart keeps the block.
        var email = await CreateUserAsync(_host);
        using (var attacker = _host.CreateOidcClient(Attacker))
        {
            await FailAsync(attacker, email, Max);
        }

        var database = _host.Database;
        await _host.DisposeAsync();
        _host = new IdentityHost(database, LongBlock);

        using var again = _host.CreateOidcClient(Attacker);
        await AssertRefusedAsync(again, email);
        Assert.NotEmpty(SecurityEvents(_host, 1007));
    }
}

public sealed class PairBlockTestsOnSqlite() : PairBlockTests("Sqlite");

public sealed class PairBlockTestsOnPostgres() : PairBlockTests("Postgres");
