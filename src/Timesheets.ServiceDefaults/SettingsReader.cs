using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// Settings are checked at start-up so a wrong value stops the service with a message naming the
/// setting and the environment variable that sets it, instead of failing at the first request.
/// </summary>
public static class SettingsReader
{
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

    /// <summary>A setting's name as an operator writes it: <c>A:B (environment variable A__B)</c>.</summary>
    public static string Env(string key) => $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
}
