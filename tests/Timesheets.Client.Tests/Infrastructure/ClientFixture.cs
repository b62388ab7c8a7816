using Timesheets.Client.Auth;
using Timesheets.Client.Management;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Infrastructure;

/// <summary>
/// One Identity host and one API host per database provider, shared by the tests of a collection.
/// Every session is a fresh real login (code + PKCE), because refresh tokens rotate: two tests
/// sharing one would revoke each other's grant.
/// </summary>
public abstract class ClientFixture(string provider) : IAsyncLifetime
{
    public static readonly Uri Authority = new(IdentityHost.Issuer);

    private int _day;

    public string Provider { get; } = provider;

    public IdentityHost Identity { get; private set; } = null!;

    public ApiHost Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = new IdentityHost(await TestDatabase.CreateAsync(Provider, "idclient"));
        _ = Identity.Server;
        Api = new ApiHost(Identity, await TestDatabase.CreateAsync(Provider, "apiclient"));
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

    /// <summary>A day no other test of this fixture uses, so the 24-hour rule and list filters never collide.</summary>
    public DateOnly NextDay() => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - Interlocked.Increment(ref _day));

    /// <summary>The tokens of a real login of a demo user.</summary>
    public async Task<TokenSet> LoginAsync(string email)
    {
        using var oidc = Identity.CreateOidcClient();
        var tokens = await oidc.LoginAsync(email, IdentityHost.DemoPassword);
        return new TokenSet
        {
            AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken, IdToken = tokens.IdToken,
            ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn), Scope = tokens.Scope ?? "",
        };
    }

    /// <summary>The client's side of the identity server, its requests counted.</summary>
    public IdentityClient IdentityClient(CountingHandler counter, string clientId = OidcTestClient.MobileClient, string? secret = null, TimeProvider? clock = null)
    {
        counter.InnerHandler = Identity.Server.CreateHandler();
        return new IdentityClient(new HttpClient(counter) { BaseAddress = Authority }, Authority, clientId, clock) { ClientSecret = secret };
    }

    /// <summary>A TimesheetsClient of the API whose calls carry the session's tokens; <paramref name="between"/> sits in front of the API.</summary>
    public TimesheetsClient Client(TokenSession session, DelegatingHandler? between = null)
    {
        HttpMessageHandler api = Api.Server.CreateHandler();
        if (between is not null)
        {
            between.InnerHandler = api;
            api = between;
        }

        return TimesheetsClient.Create(new Uri("http://localhost/"), session, api);
    }

    /// <summary>A logged-in user: the client, its session and store, and the count of token requests it made.</summary>
    public async Task<UserSession> SessionAsync(string email, TimeProvider? clock = null, DelegatingHandler? between = null, TokenSet? tokens = null)
    {
        var tokenRequests = CountingHandler.TokenRequests();
        var store = new MemoryTokenStore(tokens ?? await LoginAsync(email));
        var identity = IdentityClient(tokenRequests, clock: clock);
        var session = new TokenSession(store, identity, clock);
        return new UserSession(Client(session, between), session, store, identity, tokenRequests);
    }

    /// <summary>
    /// The Management API client of a user logged in for it (the CLI's client, <c>audience</c> = the
    /// Management API), with its own session: <paramref name="expired"/> makes its first call renew the token.
    /// </summary>
    public async Task<ManagementClient> ManagementAsync(string email, bool expired = false)
    {
        using var oidc = Identity.CreateOidcClient();
        var tokens = await oidc.LoginForManagementAsync(email, IdentityHost.DemoPassword);
        var store = new MemoryTokenStore(new TokenSet
        {
            AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken, IdToken = tokens.IdToken, Scope = tokens.Scope ?? "",
            ExpiresAt = expired ? DateTimeOffset.UtcNow.AddMinutes(-1) : DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn),
        });
        var session = new TokenSession(store, IdentityClient(CountingHandler.TokenRequests(), OidcTestClient.CliClient));
        return ManagementClient.Create(Authority, session, Identity.Server.CreateHandler());
    }

    /// <summary>A machine client's Management API client (client credentials for the Management API's audience).</summary>
    public async Task<ApiResult<TokenSession>> ManagementMachineAsync(string clientId, string secret)
    {
        var identity = IdentityClient(CountingHandler.TokenRequests(), clientId, secret);
        return await new MachineRefresher(identity, ManagementClient.AudienceFor(Authority)).StartAsync(clock: null, CancellationToken.None);
    }

    /// <summary>The import machine client's session (client credentials).</summary>
    public async Task<TimesheetsClient> MachineAsync()
    {
        var identity = IdentityClient(CountingHandler.TokenRequests(), OidcTestClient.ImportClient, IdentityHost.ImportSecret);
        var started = await new MachineRefresher(identity, ApiScopes.Audience).StartAsync(clock: null, CancellationToken.None);
        return Client(started.Value ?? throw new InvalidOperationException(started.Problem?.Message));
    }
}

public sealed record UserSession(TimesheetsClient Client, TokenSession Session, MemoryTokenStore Store, IdentityClient Identity, CountingHandler TokenRequests);

public sealed class SqliteClientFixture() : ClientFixture("Sqlite");

public sealed class PostgresClientFixture() : ClientFixture("Postgres");

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteClientFixture>
{
    public const string Name = "Client on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClientFixture>
{
    public const string Name = "Client on PostgreSQL";
}
