using Microsoft.Extensions.Options;

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
        services.AddSingleton<IValidateOptions<IdentitySettings>, IdentitySettingsValidator>();
        services.AddSingleton<IValidateOptions<DatabaseSettings>, DatabaseSettingsValidator>();
        services.AddSingleton<IValidateOptions<ClientSettings>, ClientSettingsValidator>();
        services.AddSingleton<IValidateOptions<DemoSettings>, DemoSettingsValidator>();
        services.AddSingleton<IValidateOptions<RateLimitSettings>, RateLimitSettingsValidator>();
        return services;
    }

    /// <summary>Reads a section eagerly (for start-up wiring) and validates it the same way DI will.</summary>
    public static T Read<T>(IConfiguration configuration, string section, IValidateOptions<T> validator) where T : class, new()
    {
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        var result = validator.Validate(null, settings);
        if (result.Failed)
        {
            throw new OptionsValidationException(section, typeof(T), result.Failures);
        }

        return settings;
    }

    internal static string Env(string key) => $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
}

internal sealed class IdentitySettingsValidator : IValidateOptions<IdentitySettings>
{
    public ValidateOptionsResult Validate(string? name, IdentitySettings options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
        {
            errors.Add($"{SettingsValidation.Env("Identity:Issuer")} must be an absolute http(s) URL such as http://127.0.0.1:5001/ (got '{options.Issuer}').");
        }
        else if (!options.Issuer.EndsWith('/'))
        {
            errors.Add($"{SettingsValidation.Env("Identity:Issuer")} must end with '/' (got '{options.Issuer}').");
        }
        else if (options.RequireHttps && issuer.Scheme != "https")
        {
            errors.Add($"{SettingsValidation.Env("Identity:Issuer")} must use https when Identity:RequireHttps is true (got '{options.Issuer}').");
        }

        if (!Uri.TryCreate(options.ApiAudience, UriKind.Absolute, out _))
        {
            errors.Add($"{SettingsValidation.Env("Identity:ApiAudience")} must be an absolute URI.");
        }

        if (options.SigningAlgorithm is not ("RS256" or "ES256"))
        {
            errors.Add($"{SettingsValidation.Env("Identity:SigningAlgorithm")} must be RS256 or ES256 (got '{options.SigningAlgorithm}').");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            errors.Add($"{SettingsValidation.Env("Identity:AccessTokenLifetime")} must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{SettingsValidation.Env("Identity:RefreshTokenLifetime")} must be positive.");
        }

        if (options.MaxFailedLogins is < 1 or > 1000)
        {
            errors.Add($"{SettingsValidation.Env("Identity:MaxFailedLogins")} must be between 1 and 1000.");
        }

        if (options.LockoutDuration <= TimeSpan.Zero)
        {
            errors.Add($"{SettingsValidation.Env("Identity:LockoutDuration")} must be positive, e.g. 00:15:00.");
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

internal sealed class DatabaseSettingsValidator : IValidateOptions<DatabaseSettings>
{
    public ValidateOptionsResult Validate(string? name, DatabaseSettings options)
    {
        if (options.Provider is not (DatabaseProviders.Sqlite or DatabaseProviders.Postgres))
        {
            return ValidateOptionsResult.Fail($"{SettingsValidation.Env("Database:Provider")} must be 'Sqlite' or 'Postgres' (got '{options.Provider}').");
        }

        if (options.Provider == DatabaseProviders.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{SettingsValidation.Env("Database:ConnectionString")} is required when Database:Provider is Postgres, e.g. 'Host=127.0.0.1;Database=timesheets_identity;Username=timesheets'.");
        }

        return ValidateOptionsResult.Success;
    }
}

internal sealed class ClientSettingsValidator : IValidateOptions<ClientSettings>
{
    public ValidateOptionsResult Validate(string? name, ClientSettings options) =>
        options.ImportSecret.Length >= 16
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SettingsValidation.Env("Clients:ImportSecret")} must be set to a secret of at least 16 characters for the timesheets-import machine client.");
}

internal sealed class DemoSettingsValidator : IValidateOptions<DemoSettings>
{
    public ValidateOptionsResult Validate(string? name, DemoSettings options) =>
        !options.Enabled || options.Password.Length >= 8
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SettingsValidation.Env("Demo:Password")} must be at least 8 characters when Demo:Enabled is true.");
}

internal sealed class RateLimitSettingsValidator : IValidateOptions<RateLimitSettings>
{
    public ValidateOptionsResult Validate(string? name, RateLimitSettings options) =>
        options.LoginPermits >= 1 && options.TokenPermits >= 1 && options.Window > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("RateLimits:LoginPermits and RateLimits:TokenPermits must be at least 1 and RateLimits:Window positive.");
}
