using Microsoft.Extensions.Options;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Users;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Configuration;

/// <summary>
/// Checks every setting at start-up so a wrong value stops the server with a message naming the
/// setting and the environment variable that sets it, instead of failing at the first request.
/// </summary>
internal static class SettingsValidation
{
    public static IServiceCollection AddValidatedSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentitySettings>().Bind(configuration.GetSection(IdentitySettings.Section)).ValidateOnStart();
        services.AddOptions<DatabaseSettings>().Bind(configuration.GetSection(DatabaseSettings.Section)).ValidateOnStart();
        services.AddOptions<ClientSettings>().Bind(configuration.GetSection(ClientSettings.Section)).ValidateOnStart();
        services.AddOptions<DemoSettings>().Bind(configuration.GetSection(DemoSettings.Section)).ValidateOnStart();
        services.AddOptions<RateLimitSettings>().Bind(configuration.GetSection(RateLimitSettings.Section)).ValidateOnStart();
        services.AddOptions<MfaSettings>().Bind(configuration.GetSection(MfaSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentitySettings>, IdentitySettingsValidator>();
        services.AddSingleton<IValidateOptions<DatabaseSettings>, DatabaseSettingsValidator>();
        services.AddSingleton<IValidateOptions<ClientSettings>, ClientSettingsValidator>();
        services.AddSingleton<IValidateOptions<DemoSettings>, DemoSettingsValidator>();
        services.AddSingleton<IValidateOptions<RateLimitSettings>, RateLimitSettingsValidator>();
        services.AddSingleton<IValidateOptions<MfaSettings>, MfaSettingsValidator>();
        return services;
    }
}

internal sealed class IdentitySettingsValidator : IValidateOptions<IdentitySettings>
{
    /// <summary>A year: past it a refresh token is a standing credential, not a session.</summary>
    private static readonly TimeSpan MaxRefreshTokenLifetime = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, IdentitySettings options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
        {
            errors.Add($"{SettingsReader.Env("Identity:Issuer")} must be an absolute http(s) URL such as http://127.0.0.1:5001/ (got '{options.Issuer}').");
        }
        else if (!options.Issuer.EndsWith('/'))
        {
            errors.Add($"{SettingsReader.Env("Identity:Issuer")} must end with '/' (got '{options.Issuer}').");
        }
        else if (options.RequireHttps && issuer.Scheme != "https")
        {
            errors.Add($"{SettingsReader.Env("Identity:Issuer")} must use https when Identity:RequireHttps is true (got '{options.Issuer}').");
        }

        if (!Uri.TryCreate(options.ApiAudience, UriKind.Absolute, out _))
        {
            errors.Add($"{SettingsReader.Env("Identity:ApiAudience")} must be an absolute URI.");
        }

        if (options.SigningAlgorithm is not ("RS256" or "ES256"))
        {
            errors.Add($"{SettingsReader.Env("Identity:SigningAlgorithm")} must be RS256 or ES256 (got '{options.SigningAlgorithm}').");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            errors.Add($"{SettingsReader.Env("Identity:AccessTokenLifetime")} must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.RefreshTokenAbsoluteLifetime <= TimeSpan.Zero || options.RefreshTokenAbsoluteLifetime > MaxRefreshTokenLifetime)
        {
            errors.Add($"{SettingsReader.Env("Identity:RefreshTokenAbsoluteLifetime")} must be between 00:00:01 and 365.00:00:00 (got {options.RefreshTokenAbsoluteLifetime}).");
        }

        if (options.RefreshTokenLifetime <= TimeSpan.Zero || options.RefreshTokenLifetime > options.RefreshTokenAbsoluteLifetime)
        {
            errors.Add($"{SettingsReader.Env("Identity:RefreshTokenLifetime")} (the idle lifetime) must be positive and at most Identity:RefreshTokenAbsoluteLifetime (got {options.RefreshTokenLifetime}).");
        }

        if (options.DeviceCodeLifetime < TimeSpan.FromMinutes(1) || options.DeviceCodeLifetime > TimeSpan.FromHours(1))
        {
            errors.Add($"{SettingsReader.Env("Identity:DeviceCodeLifetime")} must be between 00:01:00 and 01:00:00 (got {options.DeviceCodeLifetime}).");
        }

        // Whole seconds: the interval travels as an integer number of seconds (RFC 8628 §3.2).
        if (options.DevicePollingInterval < TimeSpan.FromSeconds(1) || options.DevicePollingInterval > TimeSpan.FromMinutes(1) ||
            options.DevicePollingInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"{SettingsReader.Env("Identity:DevicePollingInterval")} must be whole seconds between 00:00:01 and 00:01:00 (got {options.DevicePollingInterval}).");
        }

        if (options.MaxFailedLogins is < 1 or > 1000)
        {
            errors.Add($"{SettingsReader.Env("Identity:MaxFailedLogins")} must be between 1 and 1000.");
        }

        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            errors.Add($"{SettingsReader.Env("Identity:LockoutDuration")} must be positive, e.g. 00:15:00.");
        }

        if (options.MaxLockoutDuration < options.LockoutDuration || options.MaxLockoutDuration > TimeSpan.FromDays(365))
        {
            errors.Add($"{SettingsReader.Env("Identity:MaxLockoutDuration")} must be at least Identity:LockoutDuration and at most 365.00:00:00.");
        }

        errors.AddRange(TransportSecurity.Validate(options, IdentitySettings.Section));

        if (options.AppUrl.Length > 0 && (!Uri.TryCreate(options.AppUrl, UriKind.Absolute, out var app) || app.Scheme is not ("http" or "https")))
        {
            errors.Add($"{SettingsReader.Env("Identity:AppUrl")} must be empty or the app's absolute http(s) URL (got '{options.AppUrl}').");
        }

        foreach (var uri in options.MobileRedirectUris.Concat(options.MobilePostLogoutRedirectUris).Concat(options.CorsOrigins))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out _))
            {
                errors.Add($"'{uri}' in Identity:MobileRedirectUris, MobilePostLogoutRedirectUris or CorsOrigins is not an absolute URI.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class ClientSettingsValidator : IValidateOptions<ClientSettings>
{
    public ValidateOptionsResult Validate(string? name, ClientSettings options)
    {
        var errors = new List<string>();
        if (options.ImportSecret.Length < 16)
        {
            errors.Add($"{SettingsReader.Env("Clients:ImportSecret")} must be set to a secret of at least 16 characters for the timesheets-import machine client.");
        }

        if (options.ApiSecret.Length is > 0 and < 16)
        {
            errors.Add($"{SettingsReader.Env("Clients:ApiSecret")} must be empty (no timesheets-api client) or a secret of at least 16 characters.");
        }

        if (options.ApiSecret.Length > 0 && options.ApiSecret == options.ImportSecret)
        {
            // One leaked secret must not give both the upload scope and the user directory.
            errors.Add($"{SettingsReader.Env("Clients:ApiSecret")} must differ from Clients:ImportSecret.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class DemoSettingsValidator(IHostEnvironment environment) : IValidateOptions<DemoSettings>
{
    public ValidateOptionsResult Validate(string? name, DemoSettings options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        // Demo users have a published password and an Admin among them: never in production.
        if (environment.IsProduction())
        {
            return ValidateOptionsResult.Fail($"{SettingsReader.Env("Demo:Enabled")} must be false in the Production environment: demo users have a known password.");
        }

        return options.Password.Length >= PasswordRules.MinimumLength
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SettingsReader.Env("Demo:Password")} must be at least {PasswordRules.MinimumLength} characters when Demo:Enabled is true.");
    }
}

internal sealed class RateLimitSettingsValidator : IValidateOptions<RateLimitSettings>
{
    public ValidateOptionsResult Validate(string? name, RateLimitSettings options) =>
        options.LoginPermits >= 1 && options.TokenPermits >= 1 && options.Window > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("RateLimits:LoginPermits and RateLimits:TokenPermits must be at least 1 and RateLimits:Window positive.");
}

internal sealed class MfaSettingsValidator : IValidateOptions<MfaSettings>
{
    public ValidateOptionsResult Validate(string? name, MfaSettings options)
    {
        var errors = new List<string>();
        foreach (var role in options.RequiredRoles ?? [])
        {
            // Role names as the seeding and the admin pages make them; a typo would silently require nothing.
            if (role.Length > 256 || role.Any(char.IsControl))
            {
                errors.Add($"{SettingsReader.Env("Mfa:RequiredRoles")} entries must be role names of at most 256 printable characters.");
            }
        }

        if (options.RecentLoginMaxAge < TimeSpan.FromMinutes(1) || options.RecentLoginMaxAge > TimeSpan.FromDays(1))
        {
            errors.Add($"{SettingsReader.Env("Mfa:RecentLoginMaxAge")} must be between 00:01:00 and 1.00:00:00 (got {options.RecentLoginMaxAge}).");
        }

        if (string.IsNullOrWhiteSpace(options.AuthenticatorIssuer) || options.AuthenticatorIssuer.Length > 64 || options.AuthenticatorIssuer.Contains(':'))
        {
            errors.Add($"{SettingsReader.Env("Mfa:AuthenticatorIssuer")} must be a name of 1 to 64 characters without ':' (got '{options.AuthenticatorIssuer}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
