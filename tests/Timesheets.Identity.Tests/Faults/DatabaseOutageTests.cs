using System.Diagnostics;
using System.Net;

namespace Timesheets.Identity.Tests.Faults;

/// <summary>
/// Identity while its PostgreSQL is down (issue 15, faults): a grant that needs the database gets a quick 503
/// <c>temporarily_unavailable</c> with <c>Retry-After</c> (RFC 6749 §5.2) while a warm machine client is
/// still served from memory, the Management API answers a 503 problem, readiness fails while liveness
/// holds, and every grant works again once the database is back, with no restart. The database is on a
/// server of this test's own.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private PrivatePostgres _postgres = null!;
    private IdentityHost _identity = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        _identity = new IdentityHost(await _postgres.CreateDatabaseAsync("outage"));
        _ = _identity.Server;
    }

    public async Task DisposeAsync()
    {
        await _identity.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task DatabaseDown_TokenEndpointTemporarilyUnavailable_ThenRecoversWithoutRestart()
    {
        using var client = _identity.CreateOidcClient();
        await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());
        var admin = await client.LoginForManagementAsync(IdentityHost.Admin, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/ready")).StatusCode);

        await _postgres.HaltAsync();

        // A refresh needs the database (the token's record): a quick, clear answer, not invalid_grant.
        var clock = Stopwatch.StartNew();
        using var refused = await client.RefreshAsync(admin.RefreshToken!, OidcTestClient.CliClient);
        var elapsed = clock.Elapsed;
        var error = await OidcTestClient.ExpectErrorAsync(refused);
        Assert.Equal((503, "temporarily_unavailable"), (error.Status, error.Error));
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"The refusal took {elapsed}");

        // A machine client served in the last 30 s needs no database: its application, verified secret and API
        // are held in memory, and its token gets no row, so batch jobs keep their tokens through the outage.
        await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());

        using var management = new HttpRequestMessage(HttpMethod.Get, "/api/v2/users");
        management.Headers.Authorization = new("Bearer", admin.AccessToken);
        using var problem = await client.Http.SendAsync(management);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem.Headers.RetryAfter?.Delta);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/live")).StatusCode);

        await _postgres.ResumeAsync();
        await EventuallyOkAsync(() => client.Http.GetAsync("/health/ready"));
        await EventuallyOkAsync(() => client.ClientCredentialsAsync());
        await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(admin.RefreshToken!, OidcTestClient.CliClient));
    }

    /// <summary>The first requests after the restart may still meet a connection the restart broke; the service must come back on its own.</summary>
    private static async Task EventuallyOkAsync(Func<Task<HttpResponseMessage>> request)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await request();
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"Expected 503 while recovering, got {(int)response.StatusCode}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "The service did not recover within 15 s of the database's return.");
            await Task.Delay(100);
        }
    }
}
