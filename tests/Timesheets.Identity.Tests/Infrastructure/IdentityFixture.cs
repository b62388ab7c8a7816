using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Tests.Infrastructure;

/// <summary>One real Identity server per database provider, shared by the tests of its collection.</summary>
public abstract class IdentityFixture(string provider) : IAsyncLifetime
{
    public IdentityHost Host { get; private set; } = null!;

    public string Provider { get; } = provider;

    /// <summary>Settings of this fixture's server beyond the test host's own (none by default).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Host = new IdentityHost(await TestDatabase.CreateAsync(Provider, "identity"), Settings);
        _ = Host.Server; // start it: migrations, keys, seeding
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A user of its own for tests that change account state (lockout, roles).</summary>
    public async Task<string> CreateUserAsync(string role, string password = IdentityHost.DemoPassword)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"user-{Guid.NewGuid():N}@exampleco.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test User" };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return email;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

public sealed class SqliteIdentityFixture() : IdentityFixture("Sqlite");

public sealed class PostgresIdentityFixture() : IdentityFixture("Postgres");

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteIdentityFixture>
{
    public const string Name = "Identity on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresIdentityFixture>
{
    public const string Name = "Identity on PostgreSQL";
}
