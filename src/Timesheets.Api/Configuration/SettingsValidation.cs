using Microsoft.Extensions.Options;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Configuration;

/// <summary>
/// Checks every setting at start-up so a wrong value stops the server with a message naming the
/// setting and the environment variable that sets it, instead of failing at the first request.
/// </summary>
internal static class SettingsValidation
{
    public static IServiceCollection AddValidatedSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiSettings>().Bind(configuration.GetSection(ApiSettings.Section)).ValidateOnStart();
        services.AddOptions<AuthSettings>().Bind(configuration.GetSection(AuthSettings.Section)).ValidateOnStart();
        services.AddOptions<DatabaseSettings>().Bind(configuration.GetSection(DatabaseSettings.Section)).ValidateOnStart();
        services.AddOptions<EntrySettings>().Bind(configuration.GetSection(EntrySettings.Section)).ValidateOnStart();
        services.AddOptions<LimitSettings>().Bind(configuration.GetSection(LimitSettings.Section)).ValidateOnStart();
        services.AddOptions<CacheSettings>().Bind(configuration.GetSection(CacheSettings.Section)).ValidateOnStart();
        services.AddOptions<RateLimitSettings>().Bind(configuration.GetSection(RateLimitSettings.Section)).ValidateOnStart();
        services.AddOptions<PeopleSettings>().Bind(configuration.GetSection(PeopleSettings.Section)).ValidateOnStart();
        services.AddOptions<ReadReplicaSettings>().Bind(configuration.GetSection(ReadReplicaSettings.Section)).ValidateOnStart();
        services.AddOptions<DemoSettings>().Bind(configuration.GetSection(DemoSettings.Section));
        services.AddSingleton<IValidateOptions<ApiSettings>, ApiSettingsValidator>();
        services.AddSingleton<IValidateOptions<AuthSettings>, AuthSettingsValidator>();
        services.AddSingleton<IValidateOptions<DatabaseSettings>, DatabaseSettingsValidator>();
        services.AddSingleton<IValidateOptions<EntrySettings>, EntrySettingsValidator>();
        services.AddSingleton<IValidateOptions<LimitSettings>, LimitSettingsValidator>();
        services.AddSingleton<IValidateOptions<CacheSettings>, CacheSettingsValidator>();
        services.AddSingleton<IValidateOptions<RateLimitSettings>, RateLimitSettingsValidator>();
        services.AddSingleton<IValidateOptions<PeopleSettings>, PeopleSettingsValidator>();
        services.AddSingleton<IValidateOptions<ReadReplicaSettings>, ReadReplicaSettingsValidator>();
        return services;
    }
}

internal sealed class ApiSettingsValidator : IValidateOptions<ApiSettings>
{
    public ValidateOptionsResult Validate(string? name, ApiSettings options) =>
        TransportSecurity.Validate(options, ApiSettings.Section).Concat(CorsErrors(options.CorsOrigins)).ToList() is { Count: > 0 } errors
            ? ValidateOptionsResult.Fail(errors)
            : ValidateOptionsResult.Success;

    // The browser compares origins exactly; anything else (a path, a wildcard, a trailing slash) would never match or match too much.
    private static IEnumerable<string> CorsErrors(IEnumerable<string> origins) => origins
        .Where(origin => !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.GetLeftPart(UriPartial.Authority) != origin || origin.Contains('*', StringComparison.Ordinal))
        .Select(origin => $"Each of {SettingsReader.Env("Api:CorsOrigins")} must be an exact origin such as https://timesheets.exampleco.com (scheme, host, port; no path, no wildcard), got '{origin}'.");
}

internal sealed class AuthSettingsValidator : IValidateOptions<AuthSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthSettings options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
        {
            errors.Add($"{SettingsReader.Env("Auth:Issuer")} must be the absolute http(s) URL of the token issuer, e.g. http://127.0.0.1:5001/ (got '{options.Issuer}').");
        }
        else if (options.RequireHttpsMetadata && issuer.Scheme != "https")
        {
            errors.Add($"{SettingsReader.Env("Auth:Issuer")} must use https unless Auth:RequireHttpsMetadata is false (got '{options.Issuer}').");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add($"{SettingsReader.Env("Auth:Audience")} must name this API, e.g. {ApiScopes.Audience}.");
        }

        // The trusted claim must be one no end user can set: a URL-named claim of the issuer's own, never
        // the plain `email` (any provider lets users type one; it counts only with email_verified: true).
        if (options.EmailClaim.Length > 0 && (options.EmailClaim.Length > 200
            || !Uri.TryCreate(options.EmailClaim, UriKind.Absolute, out var claim) || claim.Scheme is not ("http" or "https")))
        {
            errors.Add($"{SettingsReader.Env("Auth:EmailClaim")} must be empty or a namespaced claim (an http(s) URL) that only the issuer writes, "
                + $"e.g. https://api.exampleco.com/email (got '{options.EmailClaim}').");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{SettingsReader.Env("Auth:ClockSkew")} must be between 00:00:00 and 00:05:00.");
        }

        if (options.KeysRefreshInterval < TimeSpan.FromSeconds(1) || options.KeysRefreshInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{SettingsReader.Env("Auth:KeysRefreshInterval")} must be between 00:00:01 and 01:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class EntrySettingsValidator : IValidateOptions<EntrySettings>
{
    public ValidateOptionsResult Validate(string? name, EntrySettings options) =>
        options.MaxDaysInPast >= 0 && options.MaxDaysInFuture >= 0 && options.MaxPageSize is >= 1 and <= 10_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Entries:MaxDaysInPast and Entries:MaxDaysInFuture must be 0 or more, Entries:MaxPageSize between 1 and 10000.");
}

internal sealed class LimitSettingsValidator : IValidateOptions<LimitSettings>
{
    public ValidateOptionsResult Validate(string? name, LimitSettings options) =>
        options.MaxBodyBytes >= 1024 && options.MaxUploadBytes >= options.MaxBodyBytes && options.MaxUploadBytes <= LimitSettings.MaxUploadCeiling
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{SettingsReader.Env("Limits:MaxBodyBytes")} must be at least 1024, and {SettingsReader.Env("Limits:MaxUploadBytes")} "
                + $"between Limits:MaxBodyBytes and {LimitSettings.MaxUploadCeiling} (got {options.MaxBodyBytes} and {options.MaxUploadBytes}).");
}

internal sealed class CacheSettingsValidator : IValidateOptions<CacheSettings>
{
    public ValidateOptionsResult Validate(string? name, CacheSettings options) =>
        options.PageMegabytes is >= 0 and <= 4096
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SettingsReader.Env("Cache:PageMegabytes")} must be between 0 (no cache) and 4096.");
}

internal sealed class RateLimitSettingsValidator : IValidateOptions<RateLimitSettings>
{
    public ValidateOptionsResult Validate(string? name, RateLimitSettings options)
    {
        var errors = new List<string>();
        if (options.CallerPermits is < 1 or > 100_000_000)
        {
            errors.Add($"{SettingsReader.Env("RateLimits:CallerPermits")} must be between 1 and 100000000 (got {options.CallerPermits}).");
        }

        if (options.AnonymousPermits is < 1 or > 100_000_000)
        {
            errors.Add($"{SettingsReader.Env("RateLimits:AnonymousPermits")} must be between 1 and 100000000 (got {options.AnonymousPermits}).");
        }

        if (options.Window < TimeSpan.FromSeconds(1) || options.Window > TimeSpan.FromHours(1))
        {
            errors.Add($"{SettingsReader.Env("RateLimits:Window")} must be between 00:00:01 and 01:00:00 (got {options.Window}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class PeopleSettingsValidator : IValidateOptions<PeopleSettings>
{
    public ValidateOptionsResult Validate(string? name, PeopleSettings options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ManagementClientId))
        {
            errors.Add($"{SettingsReader.Env("People:ManagementClientId")} must name the API's machine client at the issuer (timesheets-api) when People:Enabled is true.");
        }

        if (options.ManagementClientSecret.Length < 16)
        {
            errors.Add($"{SettingsReader.Env("People:ManagementClientSecret")} must be the machine client's secret (at least 16 characters; Identity's Clients:ApiSecret) "
                + "when People:Enabled is true; set People:Enabled to false for an issuer without the Management API.");
        }

        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromHours(1)
            || options.UnknownCacheDuration < TimeSpan.Zero || options.UnknownCacheDuration > options.CacheDuration)
        {
            errors.Add($"{SettingsReader.Env("People:CacheDuration")} must be between 00:00:00 and 01:00:00, and People:UnknownCacheDuration between 00:00:00 and People:CacheDuration.");
        }

        if (options.MaxConcurrentLookups is < 1 or > 64)
        {
            errors.Add($"{SettingsReader.Env("People:MaxConcurrentLookups")} must be between 1 and 64 (got {options.MaxConcurrentLookups}).");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{SettingsReader.Env("People:Timeout")} must be between 00:00:01 and 00:02:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>A read replica is a PostgreSQL standby: with SQLite the setting is a mistake.</summary>
internal sealed class ReadReplicaSettingsValidator(IOptions<DatabaseSettings> database) : IValidateOptions<ReadReplicaSettings>
{
    public ValidateOptionsResult Validate(string? name, ReadReplicaSettings options) =>
        database.Value.Provider != DatabaseProviders.Postgres && !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail($"{SettingsReader.Env("ReadReplica:ConnectionString")} needs Database:Provider Postgres (a SQLite file has no replica).")
            : ValidateOptionsResult.Success;
}
