using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Tests.Faults;

/// <summary>A read replica is a PostgreSQL standby: on SQLite the setting is a mistake, said at start-up.</summary>
public sealed class ReadReplicaSettingTests
{
    [Fact]
    public void ReadReplica_OnSqlite_IsRefused()
    {
        var result = new DatabaseSettingsValidator().Validate(null, new DatabaseSettings { ReadReplicaConnectionString = "Host=replica;Database=timesheets" });
        Assert.True(result.Failed);
        Assert.Contains("Database__ReadReplicaConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadReplica_OnPostgres_IsAccepted() =>
        Assert.True(new DatabaseSettingsValidator().Validate(null, new DatabaseSettings
        {
            Provider = DatabaseProviders.Postgres, ConnectionString = "Host=primary;Database=timesheets", ReadReplicaConnectionString = "Host=replica;Database=timesheets",
        }).Succeeded);
}
