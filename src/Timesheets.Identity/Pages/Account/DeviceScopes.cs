using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Pages.Account;

/// <summary>The granted scopes in words, for the "Connect … as …?" question on <c>/activate</c>.</summary>
internal static class DeviceScopes
{
    private static readonly Dictionary<string, string> OidcScopes = new(StringComparer.Ordinal)
    {
        [Scopes.OpenId] = "Know who you are",
        [Scopes.Profile] = "See your name and picture",
        [Scopes.Email] = "See your email address",
        [Scopes.OfflineAccess] = "Stay connected until you log out",
    };

    public static IReadOnlyList<string> Describe(IEnumerable<string> scopes) =>
        [.. scopes.Select(s => OidcScopes.GetValueOrDefault(s) ?? PermissionNames.All.GetValueOrDefault(s) ?? s)];
}
