using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Tests.Attacks;

/// <summary>
/// Timing without timings: every failed login must cost exactly one password hash, whatever the
/// reason, so a locked, disabled or unknown account does not answer faster than a wrong password.
/// </summary>
public abstract class LoginHashTests(string provider) : IAsyncLifetime
{
    private CountingHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new CountingHost(await TestDatabase.CreateAsync(provider, "loginhash"));
        _ = _host.Server;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> CreateUserAsync(Func<UserManager<ApplicationUser>, ApplicationUser, Task>? change = null, bool withPassword = true)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"hash-{Guid.NewGuid():N}@exampleco.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Hash Test" };
        var created = withPassword ? await users.CreateAsync(user, IdentityHost.DemoPassword) : await users.CreateAsync(user);
        Assert.True(created.Succeeded);
        if (change is not null)
        {
            await change(users, user);
        }

        return email;
    }

    public static TheoryData<string> FailurePaths() =>
        ["unknown user", "wrong password", "locked", "disabled", "not allowed to sign in", "no password"];

    [Theory]
    [MemberData(nameof(FailurePaths))]
    public async Task Login_EveryFailurePath_HashesExactlyOnceWithTheSameAnswer(string path)
    {
        var (email, password) = path switch
        {
            "unknown user" => ($"nobody-{Guid.NewGuid():N}@exampleco.com", IdentityHost.DemoPassword),
            "wrong password" => (await CreateUserAsync(), "wrong-password-1234"),
            // With the right password: the account state alone must refuse it, at the same cost.
            "locked" => (await CreateUserAsync((u, x) => u.SetLockoutEndDateAsync(x, DateTimeOffset.UtcNow.AddHours(1))), IdentityHost.DemoPassword),
            "disabled" => (await CreateUserAsync((u, x) => u.SetLockoutEndDateAsync(x, DateTimeOffset.MaxValue)), IdentityHost.DemoPassword),
            "not allowed to sign in" => (await CreateUserAsync(async (u, x) => { x.EmailConfirmed = false; await u.UpdateAsync(x); }), IdentityHost.DemoPassword),
            _ => (await CreateUserAsync(withPassword: false), IdentityHost.DemoPassword),
        };
        using var client = _host.CreateOidcClient();
        var page = await client.Http.GetStringAsync("/account/login"); // warm the page outside the count
        Assert.NotEmpty(page);

        var before = _host.Hasher.Snapshot();
        var response = await client.PostLoginAsync("/account/login", email, password);
        var after = _host.Hasher.Snapshot();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password, or the account is temporarily locked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, after.Verified - before.Verified);
        Assert.Equal(0, after.Hashed - before.Hashed);
    }

    [Fact]
    public async Task Login_RightPassword_HashesOnceAndSignsIn()
    {
        var email = await CreateUserAsync();
        using var client = _host.CreateOidcClient();
        var before = _host.Hasher.Snapshot();
        var response = await client.PostLoginAsync("/account/login", email, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, _host.Hasher.Snapshot().Verified - before.Verified);
    }

    /// <summary>The real server with Identity's own hasher wrapped in a counter, and sign-in requiring a confirmed email.</summary>
    private sealed class CountingHost(TestDatabase database) : IdentityHost(database)
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher);
                // Identity's "not allowed" state (CanSignInAsync false) for an unconfirmed email.
                services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedEmail = true);
            });
        }
    }

    private sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();
        private int _verified;
        private int _hashed;

        public (int Verified, int Hashed) Snapshot() => (Volatile.Read(ref _verified), Volatile.Read(ref _hashed));

        public string HashPassword(ApplicationUser user, string password)
        {
            Interlocked.Increment(ref _hashed);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class LoginHashTestsOnSqlite() : LoginHashTests("Sqlite");

public sealed class LoginHashTestsOnPostgres() : LoginHashTests("Postgres");
