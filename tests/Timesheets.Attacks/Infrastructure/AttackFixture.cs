using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Timesheets.Testing;

namespace Timesheets.Attacks.Infrastructure;

/// <summary>
/// One Identity host and one API host on SQLite for the whole suite, with each caller's real access
/// token (code + PKCE for people, client credentials for the machine) fetched once and cached.
/// </summary>
public sealed class AttackFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Task<string>> _tokens = [];
    private readonly Lock _lock = new();
    private int _day;

    public IdentityHost Identity { get; private set; } = null!;

    public ApiHost Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Identity = new IdentityHost(TestDatabase.Sqlite("atk-id"));
        _ = Identity.Server;
        // Thousands of fuzzed requests share one address (TestServer has none): they must reach the
        // handlers, not the rate limiter, which Timesheets.Api.Tests covers. EF Core at Debug too:
        // the secrets test wants every line a host could write.
        Api = new ApiHost(Identity, TestDatabase.Sqlite("atk-api"), new Dictionary<string, string?>
        {
            ["RateLimits:CallerPermits"] = "100000000",
            ["RateLimits:AnonymousPermits"] = "100000000",
        })
        {
            EntityFrameworkLogLevel = LogLevel.Debug,
        };
        _ = Api.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Identity.DisposeAsync();
    }

    /// <summary>A real access token of a <see cref="Caller"/> other than anonymous.</summary>
    public Task<string> TokenAsync(Caller caller)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(caller.Name, out var token))
            {
                token = FetchAsync(caller);
                _tokens[caller.Name] = token;
            }

            return token;
        }
    }

    /// <summary>Every access token the fixture holds, so the secrets test can look for them in the logs too.</summary>
    public async Task<IReadOnlyList<string>> CachedTokensAsync()
    {
        Task<string>[] tokens;
        lock (_lock)
        {
            tokens = [.. _tokens.Values];
        }

        return await Task.WhenAll(tokens);
    }

    private async Task<string> FetchAsync(Caller caller)
    {
        using var client = Identity.CreateOidcClient();
        if (caller.IsMachine)
        {
            return (await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync())).AccessToken;
        }

        return (await client.LoginAsync(caller.Login!, IdentityHost.DemoPassword)).AccessToken;
    }

    /// <summary>An API client with the caller's bearer token (none for anonymous).</summary>
    public async Task<HttpClient> ApiClientAsync(Caller caller)
    {
        var client = Api.CreateClient();
        if (!caller.IsAnonymous)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(caller));
        }

        return client;
    }

    /// <summary>A day no other test uses, so the 24-hour rule never collides.</summary>
    public DateOnly NextDay() => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - Interlocked.Increment(ref _day));

    /// <summary>Row counts of the tables an attack could change, read straight from both databases.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        await RowCounts.AddAsync(Api.Database, "api", RowCounts.ApiTables, counts);
        await RowCounts.AddAsync(Identity.Database, "identity", RowCounts.IdentityTables, counts);
        return counts;
    }
}

[CollectionDefinition(Name)]
public sealed class AttackCollection : ICollectionFixture<AttackFixture>
{
    public const string Name = "Attacks on both services";
}
