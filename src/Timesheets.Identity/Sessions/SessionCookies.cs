using Timesheets.Identity.Configuration;

namespace Timesheets.Identity.Sessions;

/// <summary>
/// The login session cookie, the antiforgery cookie and the one-shot interaction proof. Under HTTPS
/// each carries the <c>__Host-</c> prefix, so a browser accepts it only when it is Secure, has Path=/
/// and no Domain: a sibling subdomain or a plain-HTTP page cannot plant or overwrite it. Demo and test
/// runs on plain HTTP (<c>RequireHttps=false</c>) keep the plain names, which browsers would refuse.
/// </summary>
internal static class SessionCookies
{
    public const string SessionName = "timesheets.session";
    public const string AntiforgeryName = "timesheets.antiforgery";
    public const string InteractionName = "timesheets.interaction";

    public static string Name(string name, bool https) => https ? "__Host-" + name : name;

    public static IServiceCollection AddSessionCookies(this IServiceCollection services, IdentitySettings settings)
    {
        var https = settings.RequireHttps;
        var secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/v2/logout";
            options.AccessDeniedPath = "/account/login";
            options.Cookie.Name = Name(SessionName, https);
            options.Cookie.Path = "/";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
        });

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = Name(AntiforgeryName, https);
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = secure;
        });

        services.AddScoped<UserSessions>();
        services.AddSingleton<InteractionProofs>();
        return services;
    }
}
