using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Timesheets.Identity;
using Timesheets.Identity.Users;

namespace Timesheets.Testing;

/// <summary>
/// The real Identity server in process, on its own database, with demo users and the import
/// client's secret. Settings go through <c>UseSetting</c>, which the server's start-up reads.
/// </summary>
public class IdentityHost(TestDatabase database, IReadOnlyDictionary<string, string?>? overrides = null)
    : WebApplicationFactory<IdentityEntryPoint>
{
    public const string Issuer = "http://localhost/";
    public const string ApiAudience = "https://api.exampleco.com/timesheets";
    public const string DemoPassword = "Demo-password-2026";
    public const string ImportSecret = "import-secret-for-tests-0123456789";

    /// <summary>The Timesheets API's own machine client's secret (its people lookups); <see cref="ApiHost"/> uses it.</summary>
    public const string ApiSecret = "api-secret-for-tests-0123456789";

    /// <summary>
    /// The mobile app's redirect as a PWA: https to a named host, so a session alone may answer it
    /// (the native custom scheme needs the consent page, RFC 8252 §8.6).
    /// </summary>
    public const string PwaRedirect = "https://timesheets.exampleco.com/callback";

    public const string Employee = "employee@exampleco.com";
    public const string Contractor = "contractor@exampleco.com";
    public const string Manager = "manager@exampleco.com";
    public const string Admin = "admin@exampleco.com";

    public TestDatabase Database { get; } = database;

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = Issuer,
            ["Identity:RequireHttps"] = "false",
            ["Database:Provider"] = Database.Provider,
            ["Database:ConnectionString"] = Database.ConnectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Clients:ImportSecret"] = ImportSecret,
            ["Clients:ApiSecret"] = ApiSecret,
            ["Identity:MobileRedirectUris:0"] = PwaRedirect,
            ["Demo:Enabled"] = "true",
            ["Demo:Password"] = DemoPassword,
            // Required outside Development: the stored keys are sealed with it, as in production.
            ["Keys:EncryptionKeyFile"] = TestKeyFile.Shared,
            // Generous by default; the rate-limit tests use a host of their own with low limits.
            ["RateLimits:LoginPermits"] = "100000",
            ["RateLimits:TokenPermits"] = "100000",
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
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    /// <summary>
    /// Makes sure a user exists for each email (as an admin's invitation would, without a password: these
    /// people never log in), so an upload may name them; returns their ids (the <c>user_id</c> and <c>sub</c>).
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateUsersAsync(params IEnumerable<string> emails)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var ids = new List<string>();
        foreach (var email in emails.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Creating {email} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }

            ids.Add(user.Id);
        }

        return ids;
    }

    /// <summary>A browser-like client: its own cookie jar, redirects not followed so each hop can be checked.</summary>
    public OidcTestClient CreateOidcClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>
    /// A browser-like client whose connections come from <paramref name="remote"/>, as the transport
    /// would report them (TestServer otherwise leaves the sender's address empty).
    /// </summary>
    public OidcTestClient CreateOidcClient(System.Net.IPAddress remote)
    {
        var handler = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler
        {
            InnerHandler = Server.CreateHandler(context => context.Connection.RemoteIpAddress = remote),
        };
        return new(new HttpClient(handler) { BaseAddress = ClientOptions.BaseAddress });
    }
}
