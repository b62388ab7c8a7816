using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Sessions;

namespace Timesheets.Identity.Mfa;

internal static class MfaExtensions
{
    /// <summary>
    /// Two-factor login (TOTP through Identity's AuthenticatorTokenProvider, recovery codes), the roles
    /// that must use it, the admin's reset, and the cookie that holds a login between password and code.
    /// </summary>
    public static IServiceCollection AddMfa(this IServiceCollection services)
    {
        services.AddScoped<MfaPolicy>();
        services.AddScoped<Authenticators>();
        services.AddScoped<LoginSteps>();
        services.AddScoped<AppSessions>();
        services.AddScoped<TwoFactorReset>();

        // Identity's authenticator provider with replay protection, as the one Identity's sign-in and UserManager use.
        services.AddTransient<OneTimeAuthenticatorProvider>();
        services.Configure<IdentityOptions>(options =>
        {
            options.Tokens.ProviderMap[OneTimeAuthenticatorProvider.Name] = new TokenProviderDescriptor(typeof(OneTimeAuthenticatorProvider));
            options.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorProvider.Name;
        });

        // Identity's half-login cookie, named and secured like the others (__Host- under HTTPS). Fifteen
        // minutes instead of Identity's five: a mandatory enrolment may mean installing an app first.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme)
            .Configure<IOptions<IdentitySettings>>((options, settings) =>
            {
                var https = settings.Value.RequireHttps;
                options.Cookie.Name = SessionCookies.Name(PendingLoginCookie, https);
                options.Cookie.Path = "/";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(15);
                options.SlidingExpiration = false;
            });
        return services;
    }

    public const string PendingLoginCookie = "timesheets.2fa";
}
