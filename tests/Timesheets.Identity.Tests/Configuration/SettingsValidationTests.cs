using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Tests.Configuration;

public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Identity:Issuer", "not-a-url", "Identity:Issuer")]
    [InlineData("Identity:Issuer", "http://localhost", "must end with '/'")]
    [InlineData("Clients:ImportSecret", "short", "Clients:ImportSecret")]
    [InlineData("Clients:ApiSecret", "short", "Clients:ApiSecret")]
    [InlineData("Clients:ApiSecret", IdentityHost.ImportSecret, "must differ from Clients:ImportSecret")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Identity:MaxFailedLogins", "0", "Identity:MaxFailedLogins")]
    [InlineData("Identity:MaxLockoutDuration", "00:01:00", "Identity:MaxLockoutDuration")]
    [InlineData("Identity:BehindProxy", "true", "Identity:TrustedProxies")]
    [InlineData("Identity:TrustedProxies:0", "10.0.0.0/33", "Identity:TrustedProxies")]
    [InlineData("Identity:TrustedProxies:0", "proxy.internal", "Identity:TrustedProxies")]
    [InlineData("Demo:Password", "Eleven-char", "at least 12 characters")]
    [InlineData("Identity:RefreshTokenAbsoluteLifetime", "400.00:00:00", "Identity:RefreshTokenAbsoluteLifetime")]
    [InlineData("Identity:RefreshTokenLifetime", "31.00:00:00", "Identity:RefreshTokenLifetime")]
    [InlineData("Identity:DeviceCodeLifetime", "00:00:30", "Identity:DeviceCodeLifetime")]
    [InlineData("Identity:DeviceCodeLifetime", "1.00:00:00", "Identity:DeviceCodeLifetime")]
    [InlineData("Identity:DevicePollingInterval", "00:00:00", "Identity:DevicePollingInterval")]
    [InlineData("Identity:DevicePollingInterval", "00:00:02.500", "Identity:DevicePollingInterval")]
    public async Task Start_WithAWrongSetting_FailsWithAMessageNamingIt(string key, string value, string expected)
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("settings"), new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        var messages = Flatten(error).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(Flatten(error), e => e is OptionsValidationException);
    }

    [Fact]
    public async Task Start_DemoInProduction_FailsNamingDemoEnabled()
    {
        await using var host = new ProductionHost();

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains(Flatten(error), e => e is OptionsValidationException && e.Message.Contains("Demo:Enabled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Eleven-cha1", false)]
    [InlineData("Twelve-char1", true)]
    public async Task Password_ShorterThanTwelve_IsRefused(string password, bool accepted)
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("password"));
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"pw-{Guid.NewGuid():N}@exampleco.com";

        var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email }, password);

        Assert.Equal(accepted, result.Succeeded);
    }

    /// <summary>The test host's settings (demo on) in the Production environment.</summary>
    private sealed class ProductionHost() : IdentityHost(TestDatabase.Sqlite("production"))
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
