namespace Timesheets.Identity.Tests.Flows;

/// <summary>
/// What a grant costs the database, counted on PostgreSQL by the driver's own trace
/// (<see cref="DatabaseCommandTrace"/>) for the grant's request alone: the security log's background
/// writer is not part of it.
/// </summary>
public sealed class GrantRoundTripTests
{
    /// <summary>
    /// A machine client's token needs no database at all once warm: the application (and its verified
    /// secret) and the API with its permission names are held in memory; no row is stored for the token.
    /// </summary>
    [Fact]
    public async Task ClientCredentialsGrant_MakesNoDatabaseRoundTrip()
    {
        var database = await TestDatabase.CreateAsync("Postgres", "roundtrips");
        await using var host = new IdentityHost(database);
        using var client = host.CreateOidcClient();
        await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());

        using var trace = new DatabaseCommandTrace(database.ConnectionString);
        var token = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync(scope: "batch:upload"));

        Assert.True(trace.Commands.Count == 0, trace.Summary);
        Assert.Contains("batch:upload", token.Scope ?? "", StringComparison.Ordinal);
    }

    /// <summary>
    /// A refresh grant reads the refresh token with its application and grant, reads the user with their
    /// permissions, marks the token redeemed and stores the new one: four round trips.
    /// </summary>
    [Fact]
    public async Task RefreshGrant_MakesFourDatabaseRoundTrips()
    {
        var database = await TestDatabase.CreateAsync("Postgres", "roundtrips");
        await using var host = new IdentityHost(database);
        using var client = host.CreateOidcClient();
        var login = await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
        // The first grant warms the caches of applications and API settings; the second is measured.
        var warm = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(login.RefreshToken!));

        IReadOnlyList<string> commands;
        string summary;
        using (var trace = new DatabaseCommandTrace(database.ConnectionString))
        {
            var renewed = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(warm.RefreshToken!));
            Assert.NotNull(renewed.RefreshToken);
            (commands, summary) = (trace.Commands, trace.Summary);
        }

        Assert.True(commands.Count == 4, summary);
    }
}
