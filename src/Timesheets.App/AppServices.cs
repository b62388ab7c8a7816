using Timesheets.App.Auth;
using Timesheets.App.Offline;
using Timesheets.App.Ui.Offline;
using Timesheets.App.Ui.Session;
using Timesheets.Client;
using Timesheets.Client.Auth;
using Timesheets.Client.Offline;

namespace Timesheets.App;

/// <summary>The app's services; in WebAssembly a singleton lives as long as the page.</summary>
internal static class AppServices
{
    public static IServiceCollection AddAppSettings(this IServiceCollection services, IConfiguration configuration, string baseAddress) =>
        services.AddSingleton(AppSettings.Read(configuration, baseAddress));

    public static IServiceCollection AddBrowserSession(this IServiceCollection services)
    {
        services.AddSingleton<ITokenStore, BrowserTokenStore>();
        services.AddSingleton(sp => new IdentityClient(new HttpClient(), sp.GetRequiredService<AppSettings>().Authority, AppSettings.ClientId));
        services.AddSingleton(sp => new TokenSession(sp.GetRequiredService<ITokenStore>(), sp.GetRequiredService<IdentityClient>()));
        services.AddSingleton<UserSession>();
        services.AddSingleton<ILoginFlow, BrowserLoginFlow>();
        return services;
    }

    /// <summary>Every API call goes through the shared client; its handler adds the token and renews it (one refresh at a time).</summary>
    public static IServiceCollection AddTimesheetsApi(this IServiceCollection services) => services
        .AddSingleton<IOfflineStore, BrowserOfflineStore>()
        .AddSingleton<OfflineEntries>()
        .AddSingleton(sp => new TimesheetsClient(new HttpClient(new AuthorizingHandler(sp.GetRequiredService<TokenSession>())
        {
            InnerHandler = new HttpClientHandler(),
        })
        {
            BaseAddress = sp.GetRequiredService<AppSettings>().ApiBase,
        }));
}
