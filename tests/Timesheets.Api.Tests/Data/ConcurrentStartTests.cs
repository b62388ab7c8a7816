using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Data;

public sealed class ConcurrentStartTests
{
    /// <summary>
    /// Two replicas rolled out at once on a fresh PostgreSQL database: both migrate and, in demo mode,
    /// add the demo projects. Without the start-up lock both inserted them and one stopped on the unique name.
    /// </summary>
    [Fact]
    public async Task TwoInstancesStartingTogether_OnOneFreshPostgresDatabase_BothServeOneSetOfDemoProjects()
    {
        await using var identity = new IdentityHost(TestDatabase.Sqlite("api-twostarts-identity"));
        // Started first: both API hosts reach for its server while they start, and a factory's lazy
        // start is not thread-safe (two Identity starts raced to seed the same demo users).
        _ = identity.Server;
        var database = await TestDatabase.CreateAsync("Postgres", "api-twostarts");
        await using var first = new ApiHost(identity, database);
        await using var second = new ApiHost(identity, database);

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        using var login = identity.CreateOidcClient();
        var token = (await login.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).AccessToken;
        foreach (var host in new[] { first, second })
        {
            using var http = host.CreateClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var response = await http.GetAsync("/projects");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var names = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Equal(4, names.Count);
            Assert.Equal(names.Count, names.Distinct().Count());
        }
    }
}
