using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>
/// A server with the production rule on although demo mode is (demo users exist): Admin and Manager
/// must use a second factor. Pairs are blocked after 3 failures for 5 minutes, so a block made by a
/// test cannot end during it; each test uses users of its own.
/// </summary>
public abstract class MfaFixture(string provider) : IdentityFixture(provider)
{
    public const int MaxFailures = 3;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Mfa:RequiredRoles:0"] = "Admin",
        ["Mfa:RequiredRoles:1"] = "Manager",
        ["Identity:MaxFailedLogins"] = MaxFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Identity:LockoutDuration"] = "00:05:00",
    };
}

public sealed class SqliteMfaFixture() : MfaFixture("Sqlite");

public sealed class PostgresMfaFixture() : MfaFixture("Postgres");

[CollectionDefinition(Name)]
public sealed class SqliteMfaCollection : ICollectionFixture<SqliteMfaFixture>
{
    public const string Name = "Identity with MFA required on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresMfaCollection : ICollectionFixture<PostgresMfaFixture>
{
    public const string Name = "Identity with MFA required on PostgreSQL";
}
