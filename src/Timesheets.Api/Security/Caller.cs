using System.Security.Claims;
using Timesheets.Api.Features.Timesheets;

namespace Timesheets.Api.Security;

/// <summary>Who the validated token says the caller is; <see cref="Email"/> only when the token shows it verified.</summary>
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
    /// <param name="trustedEmailClaim">The issuer's own email claim (<c>Auth:EmailClaim</c>), or empty.</param>
    public static Caller ToCaller(this ClaimsPrincipal user, string trustedEmailClaim)
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

        return new Caller(
            user.FindFirst("sub")?.Value ?? "",
            user.VerifiedEmail(trustedEmailClaim),
            user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value,
            scopes);
    }

    /// <summary>
    /// The email the caller is known by, lower case, only when the issuer vouches for it: its own trusted
    /// claim, or the standard <c>email</c> with <c>email_verified: true</c>. The email decides whose
    /// uploaded entries the caller receives, whose day the 24 hours count against and which entries are
    /// their own to approve, so an address a user merely typed into some provider counts for nothing.
    /// </summary>
    private static string? VerifiedEmail(this ClaimsPrincipal user, string trustedEmailClaim)
    {
        var verified = user.FindFirst("email_verified")?.Value;
        if (verified is not null && !IsTrue(verified))
        {
            // The issuer says outright that the address is unconfirmed: no claim outweighs that.
            return null;
        }

        var email = trustedEmailClaim.Length > 0 ? user.FindFirst(trustedEmailClaim)?.Value : null;
        if (email is null && verified is not null)
        {
            email = user.FindFirst("email")?.Value;
        }

        email = email?.Trim().ToLowerInvariant();
        return email is { Length: > 2 and <= TimesheetEntryConfiguration.EmailLength } && email.IndexOf('@', StringComparison.Ordinal) > 0 ? email : null;
    }

    // A JSON true arrives as the claim value "true"; some providers send the string "true" instead.
    private static bool IsTrue(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll("permissions").Any(c => c.Value == scope)
        || user.FindAll("scope").Any(c => c.Value.Split(' ').Contains(scope, StringComparer.Ordinal));
}
