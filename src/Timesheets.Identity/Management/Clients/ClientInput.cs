using System.Net;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Management.Clients;

/// <summary>
/// The rules an application's fields follow, for the Management API and the admin pages alike.
/// Redirect URIs (RFC 8252, RFC 9700 §2.1): absolute, no fragment, compared exactly by OpenIddict;
/// https anywhere, plain http only to a loopback address, and a private-use scheme (reverse domain
/// name, e.g. <c>com.exampleco.app:/callback</c>) only for native apps.
/// </summary>
internal static class ClientInput
{
    public const string DeviceCode = GrantTypes.DeviceCode;

    /// <summary>The grants each kind of application may have; the first ones are its defaults.</summary>
    public static IReadOnlyList<string> AllowedGrants(string appType) => appType switch
    {
        AppTypes.Native => [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, DeviceCode],
        AppTypes.Spa => [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        _ => [GrantTypes.ClientCredentials],
    };

    public static IReadOnlyList<string> DefaultGrants(string appType) =>
        appType == AppTypes.NonInteractive ? [GrantTypes.ClientCredentials] : [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];

    /// <summary>Checks every field; returns the errors by field (snake_case, as the JSON names them).</summary>
    public static Dictionary<string, string[]> Check(string appType, string? name, bool nameRequired,
        IReadOnlyList<string>? callbacks, IReadOnlyList<string>? logoutUrls, IReadOnlyList<string>? grants)
    {
        var errors = new Dictionary<string, string[]>();
        if (!AppTypes.All.Contains(appType))
        {
            errors["app_type"] = [$"The app type must be one of: {string.Join(", ", AppTypes.All)}."];
            return errors;
        }

        if ((nameRequired || name is not null) && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200 || name.Any(char.IsControl)))
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        foreach (var (field, uris) in new[] { ("callbacks", callbacks), ("allowed_logout_urls", logoutUrls) })
        {
            if (uris is null)
            {
                continue;
            }

            var problems = uris.Count > 50 ? ["At most 50 URLs."] : uris.Select(u => UriProblem(u, appType)).OfType<string>().ToList();
            if (appType == AppTypes.NonInteractive && uris.Count > 0)
            {
                problems = ["A machine client has no redirect or logout URLs: it never sends a user to the login page."];
            }

            if (problems.Count > 0)
            {
                errors[field] = [.. problems];
            }
        }

        if (grants is not null)
        {
            var allowed = AllowedGrants(appType);
            var wrong = grants.Where(g => !allowed.Contains(g)).ToList();
            if (wrong.Count > 0 || grants.Count == 0 || (appType != AppTypes.NonInteractive && grants.SequenceEqual([GrantTypes.RefreshToken])))
            {
                errors["grant_types"] = [$"Grant types of a {appType} application: one or more of {string.Join(", ", allowed)} (refresh_token only with another)."];
            }
        }

        return errors;
    }

    /// <summary>Why a redirect or logout URL is refused, or null.</summary>
    public static string? UriProblem(string? value, string appType)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2000 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return $"'{value}' is not an absolute URL (at most 2000 characters, no spaces).";
        }

        if (uri.Fragment.Length > 0 || value.Contains('#', StringComparison.Ordinal))
        {
            return $"'{value}' has a fragment (#…), which a redirect URL must not have.";
        }

        return uri.Scheme switch
        {
            "https" when uri.Host.Length > 0 => null,
            "http" when IsLoopback(uri) => null,
            "http" => $"'{value}' uses plain http: only https, or http to a loopback address (127.0.0.1, [::1], localhost), is allowed.",
            _ when appType != AppTypes.Native => $"'{value}': a {appType} application redirects to https (or http on a loopback address) only.",
            _ when uri.Scheme.Contains('.', StringComparison.Ordinal) && uri.Scheme is not ("javascript" or "data" or "file" or "vbscript") => null,
            _ => $"'{value}': a native app's own scheme must be a reverse domain name, such as com.exampleco.app:/callback (RFC 8252 §7.1).",
        };
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
