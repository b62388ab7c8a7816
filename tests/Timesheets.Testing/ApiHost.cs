using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Timesheets.Api;
using Timesheets.Api.Features.People;

namespace Timesheets.Testing;

/// <summary>
/// The real API in process on its own database, validating tokens of the in-process Identity: its
/// discovery and JWKS requests go to the Identity test server through the JwtBearer backchannel, and
/// so do its Management API calls (the people an upload names, <c>People:Enabled</c>), through
/// <see cref="Management"/>. One host for every test project (API tests, attack suite, client and CLI tests).
/// </summary>
public sealed class ApiHost(IdentityHost identity, TestDatabase database, IReadOnlyDictionary<string, string?>? overrides = null)
    : WebApplicationFactory<ApiEntryPoint>
{
    private IHost? _host;

    public TestDatabase Database { get; } = database;

    /// <summary>The started host, for a test that stops it as SIGTERM does (<c>StopAsync</c>: Kestrel drains in-flight requests).</summary>
    public IHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public LogCapture Logs { get; } = new();

    /// <summary>The API's token requests and user lookups at Identity, counted.</summary>
    public ManagementTraffic Management { get; } = new();

    /// <summary>
    /// Where the Management API calls go instead of the in-process Identity (e.g. a closed port); the
    /// discovery document still comes from Identity, as it was read before Identity went down.
    /// </summary>
    public Func<HttpMessageHandler>? ManagementTarget { get; init; }

    /// <summary>
    /// The lowest EF Core level captured. Warning by default: at Debug EF Core formats every batched
    /// INSERT of an upload. The secrets test lowers it to see every line a host could write.
    /// </summary>
    public LogLevel EntityFrameworkLogLevel { get; init; } = LogLevel.Warning;

    protected override IHost CreateHost(IHostBuilder builder) => _host = base.CreateHost(builder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            // TestServer speaks plain HTTP; TransportSecurityTests turn this back on.
            ["Api:RequireHttps"] = "false",
            ["Auth:Issuer"] = IdentityHost.Issuer,
            ["Auth:Audience"] = IdentityHost.ApiAudience,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Database:Provider"] = Database.Provider,
            ["Database:ConnectionString"] = Database.ConnectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Demo:Enabled"] = "true",
            ["People:Enabled"] = "true",
            ["People:ManagementClientSecret"] = IdentityHost.ApiSecret,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug)
            .AddFilter("Microsoft.EntityFrameworkCore", EntityFrameworkLogLevel));
        builder.ConfigureTestServices(services =>
        {
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = identity.Server.CreateHandler());
            services.AddHttpClient<PeopleDirectory>().ConfigurePrimaryHttpMessageHandler(() =>
                Management.Handler(ManagementTarget?.Invoke() ?? identity.Server.CreateHandler()));
        });
    }
}
