using System.Text.RegularExpressions;

namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>deploy/caddy/Caddyfile: its sites, the instances each proxies to, and the health path it checks them on.</summary>
internal static partial class ProxyConfig
{
    public const string File = "deploy/caddy/Caddyfile";

    /// <summary>Each site's address (Caddy's <c>{$VAR}</c> placeholders taken from the proxy's environment) and its upstreams.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Sites(IReadOnlyDictionary<string, string> proxyEnvironment)
    {
        var text = Placeholder().Replace(RepositoryFiles.Read(File), m => proxyEnvironment[m.Groups[1].Value]);
        return SiteBlock().Matches(text).ToDictionary(
            m => m.Groups["site"].Value,
            m => (IReadOnlyList<string>)ReverseProxy().Match(m.Groups["body"].Value).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static IReadOnlyList<string> HealthPaths() => [.. HealthUri().Matches(RepositoryFiles.Read(File)).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{\$([A-Z_]+)\}")]
    private static partial Regex Placeholder();

    // A site starts at the beginning of a line with its address (snippets start with '(' and the global block with '{').
    [GeneratedRegex(@"^(?<site>[^\s#({][^\s]*) \{\n(?<body>.*?)^\}", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SiteBlock();

    [GeneratedRegex(@"reverse_proxy ([^{\n]+)")]
    private static partial Regex ReverseProxy();

    [GeneratedRegex(@"health_uri (\S+)")]
    private static partial Regex HealthUri();
}
