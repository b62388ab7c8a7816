namespace Timesheets.EndToEnd.Infrastructure;

/// <summary>
/// Identity, the API and the app host on Kestrel (free loopback ports, SQLite), the published app, and
/// one Chromium; each test opens its own browser context (its own storage, like a fresh phone).
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private IdentityServer? _identity;
    private ApiServer? _api;
    private AppServer? _app;
    private IPlaywright? _playwright;

    public string IdentityUrl { get; } = Ports.Url(Ports.Free());

    public string ApiUrl { get; } = Ports.Url(Ports.Free());

    public string AppUrl { get; } = Ports.Url(Ports.Free());

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(5);

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = await PublishedApp.RootAsync(CancellationToken.None);
        _identity = new IdentityServer(await TestDatabase.CreateAsync("Sqlite", "e2eid"), new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = IdentityUrl + "/",
            ["Identity:MobileRedirectUris:1"] = AppUrl + "/callback",
            ["Identity:MobilePostLogoutRedirectUris:0"] = AppUrl + "/",
            ["Identity:CorsOrigins:0"] = AppUrl,
            ["Identity:AppUrl"] = AppUrl + "/",
            // Access tokens die within every test: the app keeps working only by renewing them silently.
            ["Identity:AccessTokenLifetime"] = AccessTokenLifetime.ToString(),
        });
        Start(_identity, IdentityUrl);
        _api = new ApiServer(new Dictionary<string, string?>
        {
            ["Api:RequireHttps"] = "false",
            ["Api:CorsOrigins:0"] = AppUrl,
            ["Auth:Issuer"] = IdentityUrl + "/",
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:ClockSkew"] = "00:00:00", // an expired token is refused at once, not 30 s later
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = (await TestDatabase.CreateAsync("Sqlite", "e2eapi")).ConnectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Demo:Enabled"] = "true",
        });
        Start(_api, ApiUrl);
        _app = new AppServer(new Dictionary<string, string?>
        {
            ["App:Root"] = root, ["App:IdentityUrl"] = IdentityUrl + "/", ["App:ApiUrl"] = ApiUrl + "/",
        });
        Start(_app, AppUrl);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh phone: a 360×640 touch screen with empty storage, in the light or dark system theme.</summary>
    public Task<IBrowserContext> PhoneAsync(bool dark = false) => Logged(Browser.NewContextAsync(new()
    {
        ViewportSize = new() { Width = 360, Height = 640 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, BaseURL = AppUrl,
        ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
    }));

    /// <summary>A fresh phone with the app open and <paramref name="user"/> logged in.</summary>
    public async Task<Phone> LoggedInAsync(string user, bool dark = false)
    {
        var context = await PhoneAsync(dark);
        var page = await context.NewPageAsync();
        await page.LogInAsync(user);
        return new Phone(context, page);
    }

    /// <summary>The API as <paramref name="user"/> calls it, with a fresh token (they live 5 s here): for what a test does behind the app's back.</summary>
    public async Task<HttpClient> ApiAsync(string user)
    {
        // A client of its own on the issuer's real address (the factory's default client would call http://localhost).
        using var identity = new OidcTestClient(new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler
        {
            InnerHandler = new HttpClientHandler { AllowAutoRedirect = false },
        })
        { BaseAddress = new Uri(IdentityUrl) });
        var token = (await identity.LoginAsync(user, IdentityHost.DemoPassword)).AccessToken;
        var api = new HttpClient { BaseAddress = new Uri(ApiUrl + "/") };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return api;
    }

    public Task<IBrowserContext> DesktopAsync() => Logged(Browser.NewContextAsync(new()
    {
        ViewportSize = new() { Width = 1280, Height = 800 }, BaseURL = AppUrl,
    }));

    /// <summary>The browser's console and failed requests go to artifacts/test-results/browser.log, to see why a step waited.</summary>
    private static async Task<IBrowserContext> Logged(Task<IBrowserContext> created)
    {
        var context = await created;
        Directory.CreateDirectory(Path.GetDirectoryName(BrowserLog)!);
        context.Console += (_, message) => Write($"console {message.Type}: {message.Text}");
        context.RequestFailed += (_, request) => Write($"failed {request.Method} {request.Url}: {request.Failure}");
        context.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Write($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        return context;
    }

    private static readonly string BrowserLog = Path.Combine(Repository.Root, "artifacts", "test-results", "browser.log");
    private static readonly Lock LogLock = new();

    private static void Write(string line)
    {
        lock (LogLock)
        {
            File.AppendAllText(BrowserLog, $"{DateTime.UtcNow:HH:mm:ss.fff} {line}{Environment.NewLine}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var server in new IAsyncDisposable?[] { _app, _api, _identity })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static void Start<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> factory, string url)
        where T : class
    {
        factory.UseKestrel(new Uri(url).Port);
        factory.StartServer();
    }
}

/// <summary>A browser context and its page, closed together.</summary>
public sealed record Phone(IBrowserContext Context, IPage Page) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
