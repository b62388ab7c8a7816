using System.Globalization;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.ResourceServers;

/// <summary>The rules an API's fields follow, for the Management API and the admin pages alike.</summary>
internal static class ResourceServerInput
{
    public const int MinLifetimeSeconds = 60;

    /// <summary>An absolute URI without fragment (RFC 8707 §2), the form OpenIddict accepts as a resource.</summary>
    public static string? IdentifierProblem(string identifier) =>
        identifier.Length is 0 or > 300 || !Uri.TryCreate(identifier, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0 ||
        identifier.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? "The identifier must be an absolute URI without a fragment, at most 300 characters, e.g. https://api.exampleco.com/invoices."
            : null;

    public static void Check(Dictionary<string, string[]> errors, string? name, int? lifetime, IReadOnlyList<ResourceServerScope>? scopes,
        TimeSpan maxLifetime, bool nameRequired)
    {
        if ((nameRequired || name is not null) && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200))
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        if (lifetime is { } seconds && (seconds < MinLifetimeSeconds || seconds > maxLifetime.TotalSeconds))
        {
            errors["token_lifetime"] = [string.Create(CultureInfo.InvariantCulture,
                $"The token lifetime must be between {MinLifetimeSeconds} and {maxLifetime.TotalSeconds:0} seconds (the server's access token lifetime).")];
        }

        if (scopes is null)
        {
            return;
        }

        var problems = new List<string>();
        if (scopes.Count > 100)
        {
            problems.Add("At most 100 permissions.");
        }

        foreach (var scope in scopes)
        {
            if (scope?.Value is not { } value || !IsScopeToken(value))
            {
                problems.Add($"'{scope?.Value}' is not a permission name: 1 to 100 visible ASCII characters without spaces, quotes or backslashes.");
            }
            else if (PrincipalFactory.OidcScopes.Contains(value))
            {
                problems.Add($"'{value}' is an OpenID Connect scope, not an API permission.");
            }
            else if ((scope.Description?.Length ?? 0) > 500)
            {
                problems.Add($"The description of '{value}' is longer than 500 characters.");
            }
        }

        if (scopes.Where(s => s?.Value is not null).GroupBy(s => s.Value, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            problems.Add("A permission is listed twice.");
        }

        if (problems.Count > 0)
        {
            errors["scopes"] = [.. problems];
        }
    }

    /// <summary>The permissions as name → description, once they passed <see cref="Check"/>.</summary>
    public static Dictionary<string, string> Scopes(IReadOnlyList<ResourceServerScope>? scopes) =>
        (scopes ?? []).ToDictionary(s => s.Value!, s => s.Description?.Trim() ?? "", StringComparer.Ordinal);

    public static bool SameScopes(IReadOnlyList<Permission> current, IReadOnlyDictionary<string, string> wanted) =>
        current.Count == wanted.Count && current.All(p => wanted.TryGetValue(p.Name, out var d) && d == p.Description);

    /// <summary>RFC 6749 §3.3 scope-token: %x21 / %x23-5B / %x5D-7E.</summary>
    private static bool IsScopeToken(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => c is '\x21' or (>= '\x23' and <= '\x5B') or (>= '\x5D' and <= '\x7E'));
}
