using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Infrastructure;

/// <summary>
/// The real API in process on its own database, validating tokens of the in-process Identity: its
/// discovery and JWKS requests go to the Identity test server through the JwtBearer backchannel.
/// </summary>
public sealed class ApiHost(IdentityHost identity, TestDatabase database, IReadOnlyDictionary<string, string?>? overrides = null)
    : WebApplicationFactory<ApiEntryPoint>
{
    public TestDatabase Database { get; } = database;

    public LogCapture Logs { get; } = new();

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
        // EF Core at Debug would format every batched INSERT of an upload; its warnings are enough here.
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));
        builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = identity.Server.CreateHandler()));
    }
}
