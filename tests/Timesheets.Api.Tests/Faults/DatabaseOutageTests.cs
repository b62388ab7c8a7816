using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Faults;

/// <summary>
/// PostgreSQL stops under a steady write load and starts again (issue 15, faults): no acknowledged
/// write is lost or doubled, every other answer is a quick 503 with <c>Retry-After</c>, and the API
/// serves again by itself. The API's database is on a server of this test's own; Identity (which
/// issued the tokens before the outage) is on SQLite.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const int Writers = 4;

    private PrivatePostgres _postgres = null!;
    private IdentityHost _identity = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        _identity = new IdentityHost(TestDatabase.Sqlite("outage-identity"));
        _ = _identity.Server;
        _api = new ApiHost(_identity, await _postgres.CreateDatabaseAsync("outage"));
        _ = _api.Server;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _identity.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task DatabaseStopsUnderWriteLoad_AcknowledgedWritesStoredOnce_OthersRefusedQuickly_ServiceRecovers()
    {
        using var oidc = _identity.CreateOidcClient();
        var token = (await oidc.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).AccessToken;
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        var load = new WriteLoad(client);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => load.RunAsync(w, stop.Token)).ToArray();
        await Eventually(() => load.Acknowledged.Count >= 20, "writes before the outage");

        await _postgres.HaltAsync();
        await Eventually(() => load.Refusals.Count >= 20, "refusals while the database is down");
        await AssertUnavailableAsync(await client.GetAsync("/timesheets"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await _postgres.ResumeAsync();
        var before = load.Acknowledged.Count;
        await Eventually(() => load.Acknowledged.Count >= before + 20, "writes after the database returned, without a restart");
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // Every refusal was a clear, quick 503; never a 500 or a hang.
        Assert.All(load.Refusals, r =>
        {
            Assert.True(r.Status == 503, $"Expected 503, got {r.Status}: {r.Body}");
            Assert.Equal("application/problem+json", r.MediaType);
            Assert.True(r.RetryAfter is > 0, "503 without Retry-After");
            Assert.True(r.Elapsed < TimeSpan.FromSeconds(5), $"A refusal took {r.Elapsed}");
        });

        // Each write, retried with its Idempotency-Key until acknowledged, is stored exactly once, under the id it was acknowledged with.
        var stored = await StoredAsync();
        Assert.Equal(load.Acknowledged.Count, stored.Count);
        Assert.All(load.Acknowledged, pair => Assert.Equal(pair.Value, Assert.Single(stored[pair.Key])));
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    private async Task<Dictionary<string, List<long>>> StoredAsync()
    {
        await using var connection = new NpgsqlConnection(_api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Notes", "Id" FROM "Entries" WHERE "Notes" LIKE 'outage-%'""", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, List<long>>();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(0);
            if (!stored.TryGetValue(key, out var ids))
            {
                stored[key] = ids = [];
            }

            ids.Add(reader.GetInt64(1));
        }

        return stored;
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    private sealed record Refusal(int Status, string? MediaType, int? RetryAfter, TimeSpan Elapsed, string Body);

    /// <summary>
    /// Writers as a client with an outbox would be: each entry is posted with its own
    /// <c>Idempotency-Key</c> until the API acknowledges it (a real client waits Retry-After; this
    /// one retries after 50 ms to see many refusals), then the next one.
    /// </summary>
    private sealed class WriteLoad(HttpClient client)
    {
        private int _count;

        public ConcurrentDictionary<string, long> Acknowledged { get; } = new();

        public ConcurrentQueue<Refusal> Refusals { get; } = new();

        public async Task RunAsync(int writer, CancellationToken stop)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var key = $"outage-{writer}-{n}";
                // A quarter hour each, spread over 60 past days: far from the 24-hour day limit.
                var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - Interlocked.Increment(ref _count) % 60);
                Acknowledged[key] = await PostUntilAcknowledgedAsync(key, day);
            }
        }

        private async Task<long> PostUntilAcknowledgedAsync(string key, DateOnly day)
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/timesheets")
                {
                    Content = JsonContent(new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 0.25m, notes = key }),
                };
                request.Headers.Add("Idempotency-Key", key);
                var clock = Stopwatch.StartNew();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
                }

                Refusals.Enqueue(new Refusal((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                    (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds, clock.Elapsed, body));
                await Task.Delay(50);
            }
        }

        private static System.Net.Http.Json.JsonContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body, options: Http.Json);
    }
}
