using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Faults;

/// <summary>
/// <c>ReadReplica:ConnectionString</c>: reports and the changes feed read the replica, every
/// write and every other read the primary. The replica here is a copy of the primary taken at one
/// moment (<c>CREATE DATABASE … TEMPLATE</c>), a standby that stopped replaying there: what the
/// primary got since is visible through the API's entries but not through its reports or feed.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private IdentityHost _identity = null!;

    public Task InitializeAsync()
    {
        _identity = new IdentityHost(TestDatabase.Sqlite("replica-identity"));
        _ = _identity.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task ReplicaConfigured_ReportsAndChangesReadIt_WritesAndEntriesUsePrimary()
    {
        using var oidc = _identity.CreateOidcClient();
        var token = (await oidc.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).AccessToken;
        var primary = await TestDatabase.PostgresAsync("primary");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd");
        long before;
        await using (var alone = new ApiHost(_identity, primary))
        {
            before = await PostAsync(Client(alone, token), day, 2m);
        }

        var replica = await CopyAsync(primary);
        await using var api = new ApiHost(_identity, primary, new Dictionary<string, string?> { ["ReadReplica:ConnectionString"] = replica });
        using var client = Client(api, token);
        var after = await PostAsync(client, day, 3m);

        (await client.GetAsync($"/timesheets/{after}")).EnsureSuccessStatusCode();
        var report = await (await client.GetAsync($"/reports/summary?group_by=day&from={day}&to={day}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2m, report.GetProperty("total_hours").GetDecimal());
        var changes = await (await client.GetAsync("/timesheets/changes")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal([before], changes.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task ReplicaDown_WritesStillWork_ReportsAnswer503()
    {
        using var oidc = _identity.CreateOidcClient();
        var token = (await oidc.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).AccessToken;
        // Nothing listens on the replica's port: the standby is down.
        var down = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=replica";
        await using var api = new ApiHost(_identity, await TestDatabase.PostgresAsync("primary"),
            new Dictionary<string, string?> { ["ReadReplica:ConnectionString"] = down });
        using var client = Client(api, token);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd");

        await PostAsync(client, day, 1m);
        (await client.GetAsync("/timesheets")).EnsureSuccessStatusCode();
        using var report = await client.GetAsync($"/reports/summary?group_by=day&from={day}&to={day}");
        await report.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(report.Headers.RetryAfter?.Delta);
    }

    private static HttpClient Client(ApiHost api, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<long> PostAsync(HttpClient client, string day, decimal hours)
    {
        var created = await (await client.PostJsonAsync("/timesheets", new { date = day, project = "Internal", hours })).AssertStatusAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    /// <summary>A copy of the primary as it is now; the primary's host is gone, so no session holds it (TEMPLATE needs that).</summary>
    private static async Task<string> CopyAsync(TestDatabase primary)
    {
        NpgsqlConnection.ClearAllPools();
        var source = new NpgsqlConnectionStringBuilder(primary.ConnectionString);
        var copy = source.Database + "_r";
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{copy}\" TEMPLATE \"{source.Database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Database = copy }.ConnectionString;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
