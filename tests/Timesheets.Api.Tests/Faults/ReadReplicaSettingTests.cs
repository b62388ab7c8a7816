using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Tests.Faults;

/// <summary>A read replica is a PostgreSQL standby: on SQLite the setting is a mistake, said at start-up.</summary>
public sealed class ReadReplicaSettingTests
{
    private const string Replica = "Host=replica;Database=timesheets";

    [Fact]
    public void ReadReplica_OnSqlite_IsRefused()
    {
        var result = Validator(new DatabaseSettings()).Validate(null, new ReadReplicaSettings { ConnectionString = Replica });
        Assert.True(result.Failed);
        Assert.Contains("ReadReplica__ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadReplica_OnPostgres_IsAccepted() =>
        Assert.True(Validator(new DatabaseSettings { Provider = DatabaseProviders.Postgres, ConnectionString = "Host=primary;Database=timesheets" })
            .Validate(null, new ReadReplicaSettings { ConnectionString = Replica }).Succeeded);

    private static ReadReplicaSettingsValidator Validator(DatabaseSettings database) => new(Options.Create(database));
}
