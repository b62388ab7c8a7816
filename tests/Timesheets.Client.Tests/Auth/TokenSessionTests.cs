using Microsoft.Extensions.Time.Testing;
using Timesheets.Client.Auth;
using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Auth;

public abstract class TokenSessionTests(ClientFixture fixture)
{
    // A token the API refuses (401 invalid_token), as it does one past its lifetime.
    private const string RefusedToken = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl";

    [Fact]
    public async Task Session_AccessTokenPastItsLifetime_IsRenewedBeforeTheCall()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var api = CountingHandler.All();
        var user = await fixture.SessionAsync(IdentityHost.Employee, clock, api);
        var before = (await user.Store.LoadAsync(default))!;
        clock.Advance(TimeSpan.FromHours(2));

        var me = (await user.Client.GetMeAsync()).Ok();

        var after = (await user.Store.LoadAsync(default))!;
        Assert.Equal(IdentityHost.Employee, me.Email);
        Assert.Equal(1, user.TokenRequests.Count);
        Assert.Equal(0, api.Unauthorized);
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.NotEqual(before.RefreshToken, after.RefreshToken);
    }

    [Fact]
    public async Task Session_TokenTheApiRefuses_IsRenewedAndTheCallSucceeds()
    {
        var api = CountingHandler.All();
        var tokens = await fixture.LoginAsync(IdentityHost.Employee) with { AccessToken = RefusedToken };
        var user = await fixture.SessionAsync(IdentityHost.Employee, between: api, tokens: tokens);

        var entry = (await user.Client.CreateEntryAsync(Entries.On(fixture.NextDay(), 2))).Ok();

        Assert.Equal(2, entry.Hours);
        Assert.Equal((2, 1), (api.Count, api.Unauthorized));
        Assert.Equal(1, user.TokenRequests.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Session_TwentyCallsInFlightWhenTheTokenExpires_RefreshOnce(bool refusedByApi)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = await fixture.LoginAsync(IdentityHost.Employee);
        var user = await fixture.SessionAsync(IdentityHost.Employee, clock, tokens: refusedByApi ? tokens with { AccessToken = RefusedToken } : tokens);
        if (!refusedByApi)
        {
            clock.Advance(TimeSpan.FromHours(2));
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => user.Client.ListProjectsAsync()));

        Assert.All(results, r => Assert.NotEmpty(r.Ok()));
        Assert.Equal(1, user.TokenRequests.Count);
    }

    [Fact]
    public async Task Session_RevokedRefreshToken_AsksForLoginAndForgetsTheTokens()
    {
        var tokens = await fixture.LoginAsync(IdentityHost.Employee);
        var user = await fixture.SessionAsync(IdentityHost.Employee, tokens: tokens with { AccessToken = RefusedToken });
        Assert.Null(await user.Identity.RevokeAsync(tokens.RefreshToken!, default));

        var result = await user.Client.ListEntriesAsync();

        Assert.Equal(ProblemKind.LoginRequired, result.Problem?.Kind);
        Assert.Null(await user.Store.LoadAsync(default));
        Assert.Equal(ProblemKind.LoginRequired, (await user.Client.GetMeAsync()).Problem?.Kind);
    }

    [Fact]
    public async Task Session_IdentityServerBusy_KeepsTheLoginAndSaysTryLater()
    {
        var tokens = await fixture.LoginAsync(IdentityHost.Employee) with { AccessToken = RefusedToken };
        var busy = new BusyTokenEndpoint { InnerHandler = fixture.Identity.Server.CreateHandler() };
        var identity = new IdentityClient(new HttpClient(busy) { BaseAddress = ClientFixture.Authority }, ClientFixture.Authority, OidcTestClient.MobileClient);
        var store = new MemoryTokenStore(tokens);
        var client = fixture.Client(new TokenSession(store, identity));

        var result = await client.GetMeAsync();

        Assert.Equal(ProblemKind.Unreachable, result.Problem?.Kind);
        Assert.Equal(tokens, await store.LoadAsync(default));
    }

    [Fact]
    public async Task Handler_RenewedTokenRefusedToo_IsRetriedOnceOnly()
    {
        var api = CountingHandler.All();
        var refresher = new CountingRefresher(new TokenSet { AccessToken = RefusedToken + "2", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        var session = new TokenSession(new MemoryTokenStore(new TokenSet { AccessToken = RefusedToken, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) }), refresher);
        var client = fixture.Client(session, api);

        var result = await client.GetMeAsync();

        Assert.Equal(ProblemKind.LoginRequired, result.Problem?.Kind);
        Assert.Equal(401, result.Problem?.Status);
        Assert.Equal((2, 2), (api.Count, api.Unauthorized));
        Assert.Equal(1, refresher.Calls);
    }

    [Fact]
    public async Task Machine_ClientCredentials_UploadsAndAWrongSecretAsksForLogin()
    {
        var wrong = fixture.IdentityClient(CountingHandler.TokenRequests(), OidcTestClient.ImportClient, "not-the-secret-0123456789");

        var refused = await new MachineRefresher(wrong, ApiScopes.Audience).StartAsync(null, default);

        Assert.Equal(ProblemKind.LoginRequired, refused.Problem?.Kind);
        var me = (await (await fixture.MachineAsync()).GetMeAsync()).Ok();
        Assert.Equal(OidcTestClient.ImportClient, me.ClientId);
        Assert.Contains(ApiScopes.BatchUpload, me.Scopes);
    }

    /// <summary>The identity server's rate limit: every token request answered 429.</summary>
    private sealed class BusyTokenEndpoint : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri?.AbsolutePath == "/oauth/token"
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests) { RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
    }

    private sealed class CountingRefresher(TokenSet next) : ITokenRefresher
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<RefreshOutcome> RefreshAsync(TokenSet current, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(RefreshOutcome.Renewed(next));
        }
    }
}
