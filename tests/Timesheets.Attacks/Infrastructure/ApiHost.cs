using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Timesheets.Api;
using Timesheets.Testing;

namespace Timesheets.Attacks.Infrastructure;

/// <summary>
/// The real API in process, validating tokens of the in-process Identity through the JwtBearer
/// backchannel — the same approach as the API tests' host, kept here so this project does not
/// reference another test project.
/// </summary>
public sealed class ApiHost(IdentityHost identity, TestDatabase database) : WebApplicationFactory<ApiEntryPoint>
{
    public TestDatabase Database { get; } = database;

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // TestServer speaks plain HTTP; the API's own tests cover its HTTPS requirement.
        builder.UseSetting("Api:RequireHttps", "false");
        builder.UseSetting("Auth:Issuer", IdentityHost.Issuer);
        builder.UseSetting("Auth:Audience", IdentityHost.ApiAudience);
        builder.UseSetting("Auth:RequireHttpsMetadata", "false");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Enabled", "true");
        // Thousands of fuzzed requests share one address (TestServer has none): they must reach the
        // handlers, not the rate limiter, which Timesheets.Api.Tests covers.
        builder.UseSetting("RateLimits:CallerPermits", "100000000");
        builder.UseSetting("RateLimits:AnonymousPermits", "100000000");
        builder.UseEnvironment("Testing");
        // Everything at Debug, EF Core included: the secrets test wants every line a host could write.
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = identity.Server.CreateHandler()));
    }
}
