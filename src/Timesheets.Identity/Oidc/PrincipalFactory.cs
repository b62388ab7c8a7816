using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.ResourceServers;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Builds the identity behind every token. Scope rule of PRODUCT.md §2: a user gets the OIDC scopes
/// they asked for plus all their permissions for the API that the client is registered for (its
/// <c>scp:</c> permissions: a read-only app never carries approve:timesheets, a user app never
/// batch:upload, whatever the user's roles grant); a machine client gets the API scopes it asked
/// for that it was granted (all of them when it asked for none).
/// </summary>
internal sealed class PrincipalFactory(IdentityDataContext db, IOptions<IdentitySettings> settings, IOpenIddictApplicationManager applications,
    ResourceServerCatalog catalog)
{
    public const string OneAudience = "A token is for one API: name one audience (or resource).";

    public static readonly IReadOnlySet<string> OidcScopes = new HashSet<string>(StringComparer.Ordinal)
    {
        Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess,
    };

    /// <summary>
    /// A user and their permissions (through their roles) in one database round trip; null when the
    /// user no longer exists. Every user grant starts here.
    /// </summary>
    public async Task<UserAccount?> FindUserAsync(string? userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        var found = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                User = u,
                // No Distinct in SQL: it would need a lateral join (APPLY), which SQLite does not have.
                Permissions = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.RolePermissions, ur => ur.RoleId, rp => rp.RoleId, (_, rp) => rp.PermissionName)
                    .Join(db.Permissions, name => name, p => p.Name, (_, p) => new AccountPermission(p.Name, p.Audience))
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new UserAccount(found.User, [.. found.Permissions.Distinct().OrderBy(p => p.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The API a token is for: the one <c>resource</c> (or Auth0 <c>audience</c>) of the request, else
    /// the one the grant was made for, else the Timesheets API. Null when several are named: a token
    /// is for one API (as Auth0's are), so the caller answers <c>invalid_target</c>.
    /// </summary>
    public string? AudienceOf(OpenIddictRequest request, ClaimsPrincipal? grant) => AudienceOf(request.GetResources(), grant);

    /// <inheritdoc cref="AudienceOf(OpenIddictRequest, ClaimsPrincipal?)"/>
    public string? AudienceOf(IEnumerable<string> requestedResources, ClaimsPrincipal? grant)
    {
        var requested = requestedResources.Distinct(StringComparer.Ordinal).ToList();
        if (requested.Count == 0 && grant is not null)
        {
            requested = [.. grant.GetResources().Distinct(StringComparer.Ordinal)];
        }

        return requested.Count switch
        {
            0 => settings.Value.ApiAudience,
            1 => requested[0],
            _ => null,
        };
    }

    /// <param name="account">The user and their permissions, from <see cref="FindUserAsync"/>.</param>
    /// <param name="requestedScopes">Scopes the client asked for; only the OIDC ones matter here.</param>
    /// <param name="authTime">When the user logged in, for the ID token's <c>auth_time</c>.</param>
    /// <param name="clientApiScopes">The API scopes the client is registered for, from <see cref="ClientApiScopesAsync"/>.</param>
    /// <param name="grantedLimit">On refresh: the scopes first granted, which a refreshed token never exceeds.</param>
    /// <param name="audience">The API the token is for, from <see cref="AudienceOf(OpenIddictRequest, ClaimsPrincipal?)"/>: only its permissions go in.</param>
    public ClaimsPrincipal CreateForUser(UserAccount account, IEnumerable<string> requestedScopes,
        IReadOnlySet<string> clientApiScopes, DateTimeOffset? authTime, IReadOnlySet<string>? grantedLimit, string audience)
    {
        var user = account.User;
        var scopes = requestedScopes.Where(OidcScopes.Contains)
            .Concat(account.Grants.Where(p => p.Audience == audience).Select(p => p.Name).Where(clientApiScopes.Contains))
            .Where(s => grantedLimit is null || grantedLimit.Contains(s))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.Nickname, user.Nickname)
            .SetClaim(Claims.Picture, user.PictureUrl)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(ApiResource.EmailClaim, user.Email);
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailConfirmed ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.UpdatedAt, user.UpdatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        if (user.IsContractor)
        {
            identity.AddClaim(new Claim(ApiResource.ContractorClaim, "true", ClaimValueTypes.Boolean));
        }

        if (authTime is { } time)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationTime, time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        return Finish(identity, scopes, audience);
    }

    /// <summary>The API scopes (<c>scp:</c> permissions other than the OIDC ones) a client is registered for; none for an unknown client.</summary>
    public async Task<IReadOnlySet<string>> ClientApiScopesAsync(string? clientId, CancellationToken cancellationToken) =>
        !string.IsNullOrEmpty(clientId) && await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
            ? await ApiScopesAsync(application, cancellationToken)
            : new HashSet<string>();

    public async Task<ClaimsPrincipal> CreateForClientAsync(object application, IEnumerable<string> requestedScopes, string audience,
        CancellationToken cancellationToken)
    {
        var clientId = await applications.GetClientIdAsync(application, cancellationToken) ?? "";
        var registered = await ApiScopesAsync(application, cancellationToken);
        // Only the scopes of the API the token is for, from the catalog's snapshot (no database round trip per token).
        var api = await catalog.FindAsync(audience, cancellationToken);
        var granted = registered.Where(s => api?.Permissions.Contains(s) == true).ToHashSet(StringComparer.Ordinal);
        var requested = requestedScopes.ToList();
        var scopes = requested.Count == 0 ? [.. granted] : requested.Where(granted.Contains).ToList();

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, cancellationToken));
        return Finish(identity, scopes, audience);
    }

    private async Task<IReadOnlySet<string>> ApiScopesAsync(object application, CancellationToken cancellationToken) =>
        (await applications.GetPermissionsAsync(application, cancellationToken))
            .Where(p => p.StartsWith(OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[OpenIddictConstants.Permissions.Prefixes.Scope.Length..])
            .Where(s => !OidcScopes.Contains(s))
            .ToHashSet(StringComparer.Ordinal);

    private static ClaimsIdentity NewIdentity() =>
        new(authenticationType: "Timesheets", nameType: Claims.Name, roleType: Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IReadOnlyCollection<string> scopes, string audience)
    {
        var apiScopes = scopes.Where(s => !OidcScopes.Contains(s)).ToList();
        identity.AddClaim(new Claim(ApiResource.PermissionsClaim, JsonSerializer.Serialize(apiScopes), JsonClaimValueTypes.JsonArray));
        identity.SetScopes(scopes);
        identity.SetResources(audience);
        identity.SetDestinations(claim => Destinations(claim, identity));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Which token each claim goes to: profile data to the ID token as its scopes allow, API data to the access token.</summary>
    private static IEnumerable<string> Destinations(Claim claim, ClaimsIdentity identity) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        ApiResource.EmailClaim or ApiResource.PermissionsClaim => [OpenIddictConstants.Destinations.AccessToken],
        Claims.Name or Claims.Nickname or Claims.Picture or Claims.UpdatedAt or ApiResource.ContractorClaim when identity.HasScope(Scopes.Profile) =>
            [OpenIddictConstants.Destinations.IdentityToken],
        Claims.Email or Claims.EmailVerified when identity.HasScope(Scopes.Email) => [OpenIddictConstants.Destinations.IdentityToken],
        Claims.AuthenticationTime => [OpenIddictConstants.Destinations.IdentityToken],
        _ => [],
    };
}

/// <summary>A user as loaded for a grant: the account and the permissions of its roles (of every API), sorted by name.</summary>
internal sealed record UserAccount(ApplicationUser User, IReadOnlyList<AccountPermission> Grants)
{
    /// <summary>The names of the user's permissions, of every API.</summary>
    public IReadOnlyList<string> Permissions { get; } = [.. Grants.Select(p => p.Name).Distinct(StringComparer.Ordinal)];

    public bool Has(string permission) => Grants.Any(p => p.Name == permission);
}

/// <summary>A permission and the API (audience) it belongs to.</summary>
internal sealed record AccountPermission(string Name, string Audience);
