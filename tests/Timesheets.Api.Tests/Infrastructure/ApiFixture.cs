using System.Net.Http.Headers;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Infrastructure;

/// <summary>
/// One Identity host and one API host per database provider, shared by every test of a collection,
/// with each user's access token fetched once through the real login (code + PKCE) and cached.
/// </summary>
public abstract class ApiFixture(string provider) : IAsyncLifetime
{
    private readonly Dictionary<string, Task<string>> _tokens = [];
    private readonly Lock _lock = new();
    private int _day;

    public string Provider { get; } = provider;

    public IdentityHost Identity { get; private set; } = null!;

    public ApiHost Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = new IdentityHost(await TestDatabase.CreateAsync(Provider, "idapi"));
        _ = Identity.Server;
        Api = new ApiHost(Identity, await TestDatabase.CreateAsync(Provider, "apidb"));
        _ = Api.Server;
    }

    public async Task DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }
    }

    /// <summary>A real access token of a demo user (by email) or, for <see cref="OidcTestClient.ImportClient"/>, of the machine client.</summary>
    public Task<string> TokenAsync(string user)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(user, out var token))
            {
                token = FetchAsync(user);
                _tokens[user] = token;
            }

            return token;
        }
    }

    private async Task<string> FetchAsync(string user)
    {
        using var client = Identity.CreateOidcClient();
        if (user == OidcTestClient.ImportClient)
        {
            return (await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync())).AccessToken;
        }

        return (await client.LoginAsync(user, IdentityHost.DemoPassword)).AccessToken;
    }

    /// <summary>An API client sending the user's bearer token (none when <paramref name="user"/> is null).</summary>
    public async Task<HttpClient> ClientAsync(string? user)
    {
        var client = Api.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        }

        return client;
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A day no other test of this fixture uses, so the 24-hour rule and list filters never collide.</summary>
    public DateOnly NextDay() => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - Interlocked.Increment(ref _day));
}

public sealed class SqliteApiFixture() : ApiFixture("Sqlite");

public sealed class PostgresApiFixture() : ApiFixture("Postgres");

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApiFixture>
{
    public const string Name = "API on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApiFixture>
{
    public const string Name = "API on PostgreSQL";
}
