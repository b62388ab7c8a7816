using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Data;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.People;

/// <summary>
/// The API knows the company's people: an upload may only name users of the in-process Identity who are
/// not blocked (asked through its Management API, <c>users-by-email</c>, with the API's own machine
/// token), and managers no longer see the pending entries of users deleted there.
/// </summary>
public abstract class PeopleTests(ApiFixture fixture)
{
    private static string Id() => Guid.NewGuid().ToString("N");

    private static string Fresh(string name) => $"{name}-{Id()[..12]}@exampleco.com";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An API of its own (own database, own token and cache, counted Management API traffic) on the fixture's Identity.</summary>
    private async Task<ApiHost> FreshApiAsync(IReadOnlyDictionary<string, string?>? overrides = null, Func<HttpMessageHandler>? managementTarget = null)
    {
        var host = new ApiHost(fixture.Identity, await TestDatabase.CreateAsync(fixture.Provider, "people"), overrides) { ManagementTarget = managementTarget };
        _ = host.Server;
        return host;
    }

    private async Task<HttpClient> ClientAsync(ApiHost host, string user)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.TokenAsync(user));
        return client;
    }

    private static object Row(string email, DateOnly day, decimal hours = 1) =>
        new { user_id = email, date = Day(day), project = "Internal", hours, external_id = Id() };

    private static async Task<int> EntriesOfAsync(ApiHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiDataContext>().Entries.CountAsync(e => e.OwnerEmail == email);
    }

    private static List<(int Row, string? Field, string? Message)> RowErrors(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("message").GetString()))];

    /// <summary>A Management API client acting as the demo admin (as an admin's script or the CLI would).</summary>
    private async Task<HttpClient> AdminOfIdentityAsync()
    {
        using var login = fixture.Identity.CreateOidcClient();
        var token = await login.LoginForManagementAsync(IdentityHost.Admin, IdentityHost.DemoPassword);
        var client = fixture.Identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    [Fact]
    public async Task Upload_UnknownEmail_Is422NamingTheRow_AndStoresNothing()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var day = fixture.NextDay();
        var nobody = Fresh("nobody");
        var response = await machine.PostJsonAsync("/timesheets/upload", new[] { Row(IdentityHost.Employee, day), Row(nobody, day) });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(RowErrors(problem));
        Assert.Equal(2, error.Row);
        Assert.Equal("user_id", error.Field);
        Assert.Contains(nobody, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await EntriesOfAsync(fixture.Api, nobody));
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        Assert.Equal(0, (await (await employee.GetAsync($"/timesheets?from={Day(day)}&to={Day(day)}")).AssertStatusAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Upload_EmailInAnotherCase_IsTheSamePerson()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var email = Fresh("mixed.case");
        await fixture.Identity.CreateUsersAsync(email);
        var result = await (await machine.PostJsonAsync("/timesheets/upload", Row(email.ToUpperInvariant(), fixture.NextDay()))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Upload_BlockedUsersRow_IsRefused_AndStoresNothing()
    {
        var blocked = Fresh("blocked");
        var userId = (await fixture.Identity.CreateUsersAsync(blocked))[0];
        using (var admin = await AdminOfIdentityAsync())
        {
            await (await admin.PatchAsync($"/api/v2/users/{userId}", JsonContent(new { blocked = true }))).AssertStatusAsync(HttpStatusCode.OK);
        }

        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var day = fixture.NextDay();
        var problem = await (await machine.PostJsonAsync("/timesheets/upload", new[] { Row(IdentityHost.Contractor, day), Row(blocked, day) }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(RowErrors(problem));
        Assert.Equal((2, "user_id"), (error.Row, error.Field));
        Assert.Contains("blocked", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await EntriesOfAsync(fixture.Api, blocked));
    }

    [Fact]
    public async Task Upload_OneTypoAfterAThousandGoodRows_StoresNothing()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var day = fixture.NextDay();
        var csv = new StringBuilder("user_id,date,project,hours,external_id\n");
        for (var i = 0; i < 1_000; i++)
        {
            // A full chunk: written inside the upload's transaction before the typo is read.
            csv.Append(CultureInfo.InvariantCulture, $"{IdentityHost.Employee},{Day(day)},Internal,0.01,{Id()}\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"employe@exampleco.com,{Day(day)},Internal,0.01,{Id()}\n");
        var problem = await (await machine.PostRawAsync("/timesheets/upload", csv.ToString(), "text/csv")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var typo = Assert.Single(RowErrors(problem));
        Assert.Equal((1_001, "user_id"), (typo.Row, typo.Field));
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        Assert.Equal(0, (await (await employee.GetAsync($"/timesheets?from={Day(day)}&to={Day(day)}")).AssertStatusAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Upload_UnknownPersonAndABadHours_Is400ReportingBoth()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var day = fixture.NextDay();
        var rows = new[] { Row(Fresh("nobody"), day), Row(IdentityHost.Employee, day, 1.234m) };
        var errors = RowErrors(await (await machine.PostJsonAsync("/timesheets/upload", rows)).AssertProblemAsync(HttpStatusCode.BadRequest));
        Assert.Contains(errors, e => e is { Row: 1, Field: "user_id" });
        Assert.Contains(errors, e => e is { Row: 2, Field: "hours" });
    }

    [Fact]
    public async Task Upload_ThousandRowsNamingTenPeople_AsksOncePerPerson_WithOneReusedToken()
    {
        await using var api = await FreshApiAsync();
        using var machine = await ClientAsync(api, OidcTestClient.ImportClient);
        var first = (await UploadForNewPeopleAsync(machine, people: 10, rows: 1_000)).GetProperty("created").GetInt32();
        Assert.Equal(1_000, first);
        Assert.Equal(10, api.Management.Lookups);
        Assert.Equal(1, api.Management.TokenRequests);

        // Another upload naming five new people: five lookups more, with the same token.
        await UploadForNewPeopleAsync(machine, people: 5, rows: 50);
        Assert.Equal(15, api.Management.Lookups);
        Assert.Equal(1, api.Management.TokenRequests);
    }

    private async Task<JsonElement> UploadForNewPeopleAsync(HttpClient machine, int people, int rows)
    {
        var emails = Enumerable.Range(0, people).Select(i => Fresh($"p{i}")).ToList();
        await fixture.Identity.CreateUsersAsync(emails);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var body = Enumerable.Range(0, rows).Select(i => Row(emails[i % people], today.AddDays(-2 - (i / people)), 0.5m));
        return await (await machine.PostJsonAsync("/timesheets/upload", body)).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upload_IdentityDown_Is503WithRetryAfter_AndStoresNothing()
    {
        await using var api = await FreshApiAsync(managementTarget: ClosedPort);
        using var machine = await ClientAsync(api, OidcTestClient.ImportClient);
        var response = await machine.PostJsonAsync("/timesheets/upload", new[] { Row(IdentityHost.Employee, fixture.NextDay()) });

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
        Assert.Equal(0, await EntriesOfAsync(api, IdentityHost.Employee));
        Assert.True(api.Management.TokenRequests >= 1);
    }

    /// <summary>A real connection to a loopback port nobody listens on: refused, as when Identity is down.</summary>
    private static HttpMessageHandler ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    [Fact]
    public async Task Approvals_UserDeletedInIdentity_TheirPendingEntryIsNoLongerListed_ButKept()
    {
        // No cache, so the deletion shows on the very next list (by default within People:CacheDuration, 60 s).
        await using var api = await FreshApiAsync(new Dictionary<string, string?> { ["People:CacheDuration"] = "00:00:00", ["People:UnknownCacheDuration"] = "00:00:00" });
        var leaver = Fresh("leaver");
        var userId = (await fixture.Identity.CreateUsersAsync(leaver))[0];
        var day = fixture.NextDay();
        using var machine = await ClientAsync(api, OidcTestClient.ImportClient);
        await (await machine.PostJsonAsync("/timesheets/upload", new[] { Row(leaver, day), Row(IdentityHost.Employee, day) })).AssertStatusAsync(HttpStatusCode.OK);
        using var manager = await ClientAsync(api, IdentityHost.Manager);
        async Task<List<string?>> OwnersListedAsync() =>
            [.. (await (await manager.GetAsync($"/approvals?from={Day(day)}&to={Day(day)}")).AssertStatusAsync(HttpStatusCode.OK))
                .EnumerateArray().Select(e => e.GetProperty("user_id").GetString())];
        Assert.Equal(new[] { IdentityHost.Employee, leaver }, (await OwnersListedAsync()).Order());

        using (var admin = await AdminOfIdentityAsync())
        {
            await (await admin.DeleteAsync($"/api/v2/users/{userId}")).AssertStatusAsync(HttpStatusCode.NoContent);
        }

        Assert.Equal(new[] { IdentityHost.Employee }, await OwnersListedAsync());
        Assert.Equal(1, await EntriesOfAsync(api, leaver));
    }

    [Fact]
    public async Task Upload_PeopleCheckOff_StoresAnyWellFormedEmail_AsForAnIssuerWithoutTheManagementApi()
    {
        await using var api = await FreshApiAsync(new Dictionary<string, string?> { ["People:Enabled"] = "false", ["People:ManagementClientSecret"] = "" });
        using var machine = await ClientAsync(api, OidcTestClient.ImportClient);
        var nobody = Fresh("nobody");
        var result = await (await machine.PostJsonAsync("/timesheets/upload", Row(nobody, fixture.NextDay()))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.Equal(0, api.Management.TokenRequests + api.Management.Lookups);
    }

    [Fact]
    public async Task Start_PeopleCheckOnWithoutItsSecret_FailsNamingTheSetting()
    {
        await using var host = new ApiHost(fixture.Identity, TestDatabase.Sqlite("people-settings"), new Dictionary<string, string?> { ["People:ManagementClientSecret"] = "" });
        var error = Assert.ThrowsAny<Exception>(() => host.Server);
        Assert.Contains("People:ManagementClientSecret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Upload_Lists422And503()
    {
        using var client = await fixture.ClientAsync(null);
        var doc = await (await client.GetAsync("/openapi/v1.json")).AssertStatusAsync(HttpStatusCode.OK);
        var responses = doc.GetProperty("paths").GetProperty("/timesheets/upload").GetProperty("post").GetProperty("responses");
        Assert.True(responses.TryGetProperty("422", out _), "the upload's 422 (unknown or blocked people) is not described");
        Assert.True(responses.TryGetProperty("503", out _), "the upload's 503 (Identity unreachable) is not described");
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Http.Json), Encoding.UTF8, "application/json");
}

[Collection(SqliteCollection.Name)]
public sealed class PeopleTestsOnSqlite(SqliteApiFixture fixture) : PeopleTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PeopleTestsOnPostgres(PostgresApiFixture fixture) : PeopleTests(fixture);
