using System.Security.Claims;

namespace Timesheets.Api.Security;

/// <summary>Who the validated token says the caller is.</summary>
internal sealed record Caller(string Sub, string? Email, string? ClientId, IReadOnlySet<string> Scopes)
{
    public bool Has(string scope) => Scopes.Contains(scope);
}

internal static class CallerExtensions
{
    /// <summary>
    /// Reads the caller from the token. Permissions come from the <c>permissions</c> array (Auth0 RBAC,
    /// Timesheets.Identity) and from the space-separated <c>scope</c>, so tokens of either style work.
    /// </summary>
    public static Caller ToCaller(this ClaimsPrincipal user, string emailClaim)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in user.FindAll("permissions"))
        {
            scopes.Add(claim.Value);
        }

        foreach (var claim in user.FindAll("scope"))
        {
            scopes.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        var email = user.FindFirst(emailClaim)?.Value ?? user.FindFirst("email")?.Value;
        return new Caller(
            user.FindFirst("sub")?.Value ?? "",
            string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant(),
            user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value,
            scopes);
    }

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll("permissions").Any(c => c.Value == scope)
        || user.FindAll("scope").Any(c => c.Value.Split(' ').Contains(scope, StringComparer.Ordinal));
}
