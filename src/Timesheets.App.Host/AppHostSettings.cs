using Microsoft.Extensions.Options;

namespace Timesheets.App.Host;

/// <summary>What the host serves and which servers the app talks to (section <c>App</c>).</summary>
public sealed class AppHostSettings
{
    public const string Section = "App";

    /// <summary>The published app's <c>wwwroot</c> (<c>dotnet publish src/Timesheets.App -o DIR</c> → <c>DIR/wwwroot</c>).</summary>
    public string Root { get; set; } = "";

    /// <summary>Identity's issuer URL: the app logs in there; its origin is allowed to be connected to and posted to.</summary>
    public string IdentityUrl { get; set; } = "";

    /// <summary>The Timesheets API's base URL.</summary>
    public string ApiUrl { get; set; } = "";

    public string RootPath => Path.GetFullPath(Root);
}

internal static class AppHostSettingsExtensions
{
    public static IServiceCollection AddAppHostSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppHostSettings>().Bind(configuration.GetSection(AppHostSettings.Section)).ValidateOnStart();
        return services.AddSingleton<IValidateOptions<AppHostSettings>, AppHostSettingsValidator>();
    }

    public static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}

internal sealed class AppHostSettingsValidator : IValidateOptions<AppHostSettings>
{
    public ValidateOptionsResult Validate(string? name, AppHostSettings options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Root) || !File.Exists(Path.Combine(options.RootPath, "index.html")))
        {
            errors.Add($"App__Root must be the published app's wwwroot folder, holding index.html (got '{options.Root}').");
        }

        foreach (var (key, value) in new[] { ("App__IdentityUrl", options.IdentityUrl), ("App__ApiUrl", options.ApiUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"{key} must be an absolute http(s) URL (got '{value}').");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
