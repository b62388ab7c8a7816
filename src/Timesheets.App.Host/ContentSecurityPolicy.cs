using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Timesheets.App.Host;

/// <summary>
/// A strict Content-Security-Policy (the IETF browser-app BCP's first defence of tokens kept in the
/// browser): scripts from this origin only (plus WebAssembly compilation), the inline import map that
/// Blazor writes into index.html allowed by its hash alone, connections to Identity and the API only,
/// forms posted only here and to Identity (logout), no framing.
/// </summary>
internal static partial class ContentSecurityPolicy
{
    public static void UseContentSecurityPolicy(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<AppHostSettings>>().Value;
        var policy = Build(settings);
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            // The callback's address carries the one-time code: never sent on to another site.
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
    }

    internal static string Build(AppHostSettings settings)
    {
        var identity = AppHostSettingsExtensions.Origin(settings.IdentityUrl);
        var api = AppHostSettingsExtensions.Origin(settings.ApiUrl);
        var index = File.ReadAllText(Path.Combine(settings.RootPath, "index.html"));
        var inline = InlineScripts().Matches(index)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'wasm-unsafe-eval' {string.Join(' ', inline)}".TrimEnd(),
            "style-src 'self'",
            "img-src 'self' data: https:",
            $"connect-src 'self' {identity} {api}",
            $"form-action 'self' {identity}",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'");
    }

    [GeneratedRegex(@"<script(?:\s+type=""importmap"")?\s*>(.+?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScripts();
}
