namespace Timesheets.Cli.Config;

/// <summary>Where the identity server and the API are, and where each URL came from (for <c>config show</c>).</summary>
internal sealed record Endpoints(Uri Issuer, string IssuerSource, Uri Api, string ApiSource)
{
    /// <summary>An environment variable wins over the config file (a script can point one run elsewhere), which wins over the defaults.</summary>
    public static Endpoints Resolve(CliContext context, CliConfig config)
    {
        var (issuer, issuerSource) = Pick(context.Env("TIMESHEETS_ISSUER"), "TIMESHEETS_ISSUER", config.Issuer, ConfigStore.DefaultIssuer);
        var (api, apiSource) = Pick(context.Env("TIMESHEETS_API"), "TIMESHEETS_API", config.Api, ConfigStore.DefaultApi);
        return new Endpoints(issuer, issuerSource, api, apiSource);
    }

    /// <summary>An absolute http(s) URL ending in <c>/</c>, or null.</summary>
    public static Uri? Parse(string? text) =>
        Uri.TryCreate(text?.EndsWith('/') == true ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static (Uri Url, string Source) Pick(string? fromEnvironment, string variable, string? fromConfig, string fallback) =>
        Parse(fromEnvironment) is { } env ? (env, variable)
        : Parse(fromConfig) is { } configured ? (configured, "config")
        : (new Uri(fallback), "default");
}
