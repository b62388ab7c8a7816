using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Timesheets.Identity.Tests.Flows;

/// <summary>
/// What a refresh grant costs the database, counted on PostgreSQL by the driver's own trace (one
/// activity per command sent, one round trip each), for the grant's request alone: the security
/// log's background writer is not part of it. The grant reads the refresh token with its application
/// and grant, reads the user with their permissions, marks the token redeemed and stores the new one.
/// </summary>
public sealed class RefreshRoundTripTests
{
    [Fact]
    public async Task RefreshGrant_MakesFourDatabaseRoundTrips()
    {
        var database = await TestDatabase.CreateAsync("Postgres", "roundtrips");
        var databaseName = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        await using var host = new IdentityHost(database);
        using var client = host.CreateOidcClient();
        var login = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        // The first grant warms the caches of applications and API settings; the second is measured.
        var warm = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(login.RefreshToken!));

        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.Parent is not null &&
                    (activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name")) as string == databaseName &&
                    (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql)
                {
                    // Opening a physical connection (a pool's first use) is traced too, without SQL: not the grant's.
                    commands.Enqueue(sql);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var renewed = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(warm.RefreshToken!));
        listener.Dispose();

        var summary = string.Join("\n", commands.Select(c => c.Split('\n')[0]));
        Assert.True(commands.Count == 4, $"{commands.Count} round trips:\n{summary}");
        Assert.NotNull(renewed.RefreshToken);
    }
}
