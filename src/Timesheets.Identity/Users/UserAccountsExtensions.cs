using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Sessions;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Users;

internal static class UserAccountsExtensions
{
    /// <summary>ASP.NET Core Identity: users, roles, password hashing, lockout, the session cookie.</summary>
    public static IServiceCollection AddUserAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, IdentitySettings.Section, new IdentitySettingsValidator());

        services.AddIdentity<ApplicationUser, ApplicationRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireNonAlphanumeric = false;
                // Lockout stays on so an admin can disable an account (LockoutEnd); failed logins
                // no longer lock the account: LoginThrottle blocks (account, address) pairs instead.
                options.Lockout.AllowedForNewUsers = true;
                options.ClaimsIdentity.UserIdClaimType = "sub";
            })
            .AddEntityFrameworkStores<IdentityDataContext>()
            .AddClaimsPrincipalFactory<SessionClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<Security.LoginThrottle>();

        // The session and antiforgery cookies (__Host- under HTTPS), and the session checks behind them.
        services.AddSessionCookies(settings);

        // Cookie and antiforgery keys in the database: every instance reads the others' cookies.
        services.AddDataProtection().SetApplicationName("Timesheets.Identity").PersistKeysToDbContext<IdentityDataContext>();
        return services;
    }
}
