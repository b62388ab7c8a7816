using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Infrastructure;

/// <summary>
/// The real Identity server (5-second access tokens, 1-second device polling) and the real API in
/// process on one database provider, shared by every CLI test of a collection. The API can be
/// stopped and started again on the same database, to play an outage.
/// </summary>
public abstract class CliFixture(string provider) : IAsyncLifetime
{
    private int _week;

    public string Provider { get; } = provider;

    public IdentityHost Identity { get; private set; } = null!;

    public ApiHost Api { get; private set; } = null!;

    /// <summary>The CLI's transport to the API: forwards to the running API, or fails like a refused connection while it is stopped.</summary>
    public SwitchableHandler ApiTransport { get; } = new();

    public async Task InitializeAsync()
    {
        Identity = new IdentityHost(await TestDatabase.CreateAsync(Provider, "cliid"), new Dictionary<string, string?>
        {
            ["Identity:AccessTokenLifetime"] = "00:00:05",
            ["Identity:DevicePollingInterval"] = "00:00:01",
        });
        _ = Identity.Server;
        Api = new ApiHost(Identity, await TestDatabase.CreateAsync(Provider, "cliapi"));
        ApiTransport.Connect(Api.Server.CreateHandler());
    }

    /// <summary>Stops the API: the CLI's calls fail as with no server listening.</summary>
    public async Task StopApiAsync()
    {
        ApiTransport.Disconnect();
        await Api.DisposeAsync();
    }

    /// <summary>A new API process on the same database.</summary>
    public void StartApi()
    {
        Api = new ApiHost(Identity, Api.Database);
        ApiTransport.Connect(Api.Server.CreateHandler());
    }

    public async Task DisposeAsync()
    {
        if (ApiTransport.IsUp)
        {
            await Api.DisposeAsync();
        }

        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }
    }

    /// <summary>The Monday of a past week no other test of this fixture uses, so totals and approvals never mix.</summary>
    public DateOnly NextWeek()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return monday.AddDays(-7 * Interlocked.Increment(ref _week));
    }
}

public sealed class SqliteCliFixture() : CliFixture("Sqlite");

public sealed class PostgresCliFixture() : CliFixture("Postgres");

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteCliFixture>
{
    public const string Name = "CLI on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCliFixture>
{
    public const string Name = "CLI on PostgreSQL";
}
