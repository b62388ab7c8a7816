using Timesheets.Testing;

namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>
/// The scale-out deployment in miniature, started once per test class (an xUnit class fixture): the private
/// PostgreSQL the test script started with a fresh database for Identity and one for the API, <see cref="IdentityCount"/>
/// Identity and <see cref="ApiCount"/> API processes, and a round-robin proxy in front of each. Identity's issuer is
/// its proxy's URL, and the API validates tokens and calls the Management API through that proxy too.
/// Subclass and override <see cref="Configure"/> to change settings; every process is killed on dispose.
/// <para>
/// The small API for fault tests: <c>Api.KillAsync(i)</c> (kill -9), <c>Api.StopAsync(i)</c> (SIGTERM, drains),
/// <c>Api.StartAsync(i)</c> (again, on the same port), <c>Api.RestartAsync(i)</c>, the same on <see cref="Identity"/>;
/// the proxies skip an instance that is down. A class that breaks things should declare its own collection with
/// its own fixture (a subclass), so that the other tests keep a healthy set.
/// </para>
/// </summary>
public class Topology : IAsyncLifetime
{
    public virtual int IdentityCount => 2;

    public virtual int ApiCount => 2;

    public ServiceCluster Identity { get; private set; } = null!;

    public ServiceCluster Api { get; private set; } = null!;

    public RoundRobinProxy IdentityProxy { get; private set; } = null!;

    public RoundRobinProxy ApiProxy { get; private set; } = null!;

    public TestDatabase IdentityDatabase { get; private set; } = null!;

    public TestDatabase ApiDatabase { get; private set; } = null!;

    /// <summary>Identity's issuer: its proxy's URL with the trailing slash tokens carry.</summary>
    public string Issuer => IdentityProxy.Url.ToString();

    public async Task InitializeAsync()
    {
        IdentityDatabase = await TestDatabase.PostgresAsync("scale_id");
        ApiDatabase = await TestDatabase.PostgresAsync("scale_api");
        var issuer = FreePort.NextUrl();
        var identity = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Identity__Issuer"] = issuer.ToString(),
            ["Identity__RequireHttps"] = "false",
            ["Database__Provider"] = IdentityDatabase.Provider,
            ["Database__ConnectionString"] = IdentityDatabase.ConnectionString,
            ["Database__MigrateOnStart"] = "true",
            ["Keys__EncryptionKeyFile"] = TestKeyFile.Create(),
            ["Clients__ImportSecret"] = IdentityHost.ImportSecret,
            ["Clients__ApiSecret"] = IdentityHost.ApiSecret,
            ["Identity__MobileRedirectUris__0"] = IdentityHost.PwaRedirect,
            ["Demo__Enabled"] = "true",
            ["Demo__Password"] = IdentityHost.DemoPassword,
            ["RateLimits__LoginPermits"] = "100000",
            ["RateLimits__TokenPermits"] = "100000",
        };
        var api = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Api__RequireHttps"] = "false",
            ["Auth__Issuer"] = issuer.ToString(),
            ["Auth__Audience"] = IdentityHost.ApiAudience,
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Database__Provider"] = ApiDatabase.Provider,
            ["Database__ConnectionString"] = ApiDatabase.ConnectionString,
            ["Database__MigrateOnStart"] = "true",
            ["Demo__Enabled"] = "true",
            ["People__Enabled"] = "true",
            ["People__ManagementClientSecret"] = IdentityHost.ApiSecret,
        };
        Configure(identity, api);

        Identity = new ServiceCluster(BuiltService.Identity, IdentityCount, identity);
        Api = new ServiceCluster(BuiltService.Api, ApiCount, api);
        try
        {
            IdentityProxy = await RoundRobinProxy.StartAsync(Identity, issuer);
            ApiProxy = await RoundRobinProxy.StartAsync(Api);
            await Task.WhenAll(Identity.StartAsync(), Api.StartAsync());
        }
        catch
        {
            await DisposeAsync(); // a fixture that failed to start is not disposed by xUnit
            throw;
        }
    }

    /// <summary>Changes the environment of the Identity and API processes before they start.</summary>
    protected virtual void Configure(IDictionary<string, string?> identity, IDictionary<string, string?> api)
    {
    }

    /// <summary>A browser-like client of Identity (through its proxy), with the OIDC flows of the tests.</summary>
    public (OidcTestClient Oidc, PinnedClient Pin) IdentityClient()
    {
        var pin = PinnedClient.For(IdentityProxy);
        return (new OidcTestClient(pin.Http), pin);
    }

    /// <summary>An access token of the batch-import machine client (client credentials, <c>batch:upload</c>), from Identity through its proxy.</summary>
    public async Task<string> ImportTokenAsync()
    {
        var (oidc, _) = IdentityClient();
        using (oidc)
        {
            return (await OidcTestClient.ExpectTokensAsync(await oidc.ClientCredentialsAsync())).AccessToken;
        }
    }

    /// <summary>A client of the API (through its proxy) sending <paramref name="accessToken"/>.</summary>
    public PinnedClient ApiClient(string accessToken)
    {
        var pin = PinnedClient.For(ApiProxy);
        pin.Http.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return pin;
    }

    /// <summary>A client of one API instance (still through the proxy) sending <paramref name="accessToken"/>.</summary>
    public HttpClient ApiClientAt(int instance, string accessToken)
    {
        var pin = ApiClient(accessToken);
        pin.Instance = instance;
        return pin.Http;
    }

    public async Task DisposeAsync()
    {
        // Processes first, whatever else fails: nothing may outlive the tests.
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }

        if (ApiProxy is not null)
        {
            await ApiProxy.DisposeAsync();
        }

        if (IdentityProxy is not null)
        {
            await IdentityProxy.DisposeAsync();
        }
    }
}
