using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.Logs;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Management.Clients;

/// <summary>
/// Client grants (Auth0's <c>/api/v2/client-grants</c>): which API an application may ask tokens for and
/// with which of its permissions. Stored as the application's OpenIddict permissions: <c>rst:</c> + the
/// API's identifier and <c>scp:</c> + each permission. A grant's id encodes (client, API), so it needs
/// no table of its own.
/// </summary>
internal sealed class ClientGrantAdmin(IdentityDataContext db, ClientPermissions store, AdminLog log)
{
    public const string TargetType = "client_grant";

    public async Task<IReadOnlyList<ClientGrantResponse>> ListAsync(string? clientId, string? audience, CancellationToken cancellationToken)
    {
        var audiences = await PermissionAudiencesAsync(cancellationToken);
        var grants = new List<ClientGrantResponse>();
        foreach (var application in await store.AllAsync(cancellationToken))
        {
            if (clientId is null || application.ClientId == clientId)
            {
                var descriptor = await store.DescribeAsync(application, cancellationToken);
                grants.AddRange(GrantsOf(descriptor, audiences).Where(g => audience is null || g.Audience == audience));
            }
        }

        return grants;
    }

    public async Task<AdminResult<ClientGrantResponse>> CreateAsync(ClientGrantCreateRequest request, CancellationToken cancellationToken)
    {
        var clientId = request.ClientId?.Trim() ?? "";
        var audience = request.Audience?.Trim() ?? "";
        if (await FindClientAsync(clientId, cancellationToken) is not { } found)
        {
            return await RefusalAsync(clientId, "client_id", cancellationToken);
        }

        var (application, descriptor) = found;
        if (await CheckScopesAsync(audience, request.Scope, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (descriptor.Permissions.Contains(Permissions.Prefixes.Resource + audience))
        {
            return AdminError.Conflict("This application has a grant for this API already: change its permissions instead.");
        }

        descriptor.Permissions.Add(Permissions.Prefixes.Resource + audience);
        descriptor.Permissions.UnionWith(request.Scope!.Select(s => Permissions.Prefixes.Scope + s));
        var after = Grant(clientId, audience, request.Scope!);
        log.Record($"Granted application {descriptor.DisplayName} access to {audience}", TargetType, after.Id, before: null, after);
        await store.SaveAsync(application, descriptor, cancellationToken);
        return AdminResult<ClientGrantResponse>.Success(after);
    }

    public async Task<AdminResult<ClientGrantResponse>> UpdateAsync(string id, ClientGrantUpdateRequest request, CancellationToken cancellationToken)
    {
        if (await FindGrantAsync(id, cancellationToken) is not { } found)
        {
            return await GrantRefusalAsync(id, cancellationToken);
        }

        var (application, descriptor, before) = found;
        if (await CheckScopesAsync(before.Audience, request.Scope, cancellationToken) is { } problem)
        {
            return problem;
        }

        descriptor.Permissions.ExceptWith(before.Scope.Select(s => Permissions.Prefixes.Scope + s));
        descriptor.Permissions.UnionWith(request.Scope!.Select(s => Permissions.Prefixes.Scope + s));
        var after = Grant(before.ClientId, before.Audience, request.Scope!);
        log.Record($"Changed the permissions of application {descriptor.DisplayName} for {before.Audience}", TargetType, id, before, after);
        await store.SaveAsync(application, descriptor, cancellationToken);
        return AdminResult<ClientGrantResponse>.Success(after);
    }

    public async Task<AdminResult<ClientGrantResponse>> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindGrantAsync(id, cancellationToken) is not { } found)
        {
            return await GrantRefusalAsync(id, cancellationToken);
        }

        var (application, descriptor, before) = found;
        descriptor.Permissions.Remove(Permissions.Prefixes.Resource + before.Audience);
        descriptor.Permissions.ExceptWith(before.Scope.Select(s => Permissions.Prefixes.Scope + s));
        log.Record($"Removed the access of application {descriptor.DisplayName} to {before.Audience}", TargetType, id, before, after: null);
        await store.SaveAsync(application, descriptor, cancellationToken);
        return AdminResult<ClientGrantResponse>.Success(before);
    }

    /// <summary>(client id, API identifier) as one URL-safe id.</summary>
    public static string IdOf(string clientId, string audience) => "cgr_" + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(clientId + " " + audience));

    private static (string ClientId, string Audience)? Parse(string id)
    {
        try
        {
            var text = id.StartsWith("cgr_", StringComparison.Ordinal) ? Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(id[4..])) : "";
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 ? (text[..space], text[(space + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ClientGrantResponse Grant(string clientId, string audience, IEnumerable<string> scope) => new()
    {
        Id = IdOf(clientId, audience),
        ClientId = clientId,
        Audience = audience,
        Scope = [.. scope.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
    };

    private static IEnumerable<ClientGrantResponse> GrantsOf(OpenIddictApplicationDescriptor descriptor, IReadOnlyDictionary<string, string> audiences)
    {
        var scopes = descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList();
        return descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Resource, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Resource.Length..])
            .Order(StringComparer.Ordinal)
            .Select(audience => Grant(descriptor.ClientId!, audience, scopes.Where(s => audiences.GetValueOrDefault(s) == audience)));
    }

    /// <summary>Permission name → the identifier of its API.</summary>
    private async Task<IReadOnlyDictionary<string, string>> PermissionAudiencesAsync(CancellationToken cancellationToken) =>
        await db.Permissions.AsNoTracking().ToDictionaryAsync(p => p.Name, p => p.Audience, StringComparer.Ordinal, cancellationToken);

    private async Task<AdminError?> CheckScopesAsync(string audience, IReadOnlyList<string>? scope, CancellationToken cancellationToken)
    {
        if (!await db.ResourceServers.AnyAsync(r => r.Identifier == audience, cancellationToken))
        {
            return AdminError.Invalid("audience", $"No API has the identifier '{audience}'.");
        }

        if (scope is null || scope.Count > 100)
        {
            return AdminError.Invalid("scope", "List the permissions (0 to 100) the application gets.");
        }

        var names = scope.ToList();
        var known = await db.Permissions.AsNoTracking().Where(p => p.Audience == audience && names.Contains(p.Name)).Select(p => p.Name).ToListAsync(cancellationToken);
        var unknown = names.Except(known, StringComparer.Ordinal).ToList();
        return unknown.Count == 0 ? null : AdminError.Invalid("scope", $"Not permissions of {audience}: {string.Join(", ", unknown)}.");
    }

    private async Task<(OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, OpenIddictApplicationDescriptor)?> FindClientAsync(
        string clientId, CancellationToken cancellationToken)
    {
        if (ClientMapping.SystemClients.Contains(clientId) || await store.FindAsync(clientId, cancellationToken) is not { } application)
        {
            return null;
        }

        return (application, await store.DescribeAsync(application, cancellationToken));
    }

    private async Task<(OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, OpenIddictApplicationDescriptor, ClientGrantResponse)?> FindGrantAsync(
        string id, CancellationToken cancellationToken)
    {
        if (Parse(id) is not var (clientId, audience) || await FindClientAsync(clientId, cancellationToken) is not var (application, descriptor))
        {
            return null;
        }

        var grant = GrantsOf(descriptor, await PermissionAudiencesAsync(cancellationToken)).FirstOrDefault(g => g.Audience == audience);
        return grant is null ? null : (application, descriptor, grant);
    }

    private async Task<AdminError> RefusalAsync(string clientId, string field, CancellationToken cancellationToken) =>
        ClientMapping.SystemClients.Contains(clientId) && await store.FindAsync(clientId, cancellationToken) is not null
            ? ClientAdmin.SystemClient
            : AdminError.Invalid(field, $"No application has the client id '{clientId}'.");

    private async Task<AdminError> GrantRefusalAsync(string id, CancellationToken cancellationToken) =>
        Parse(id) is var (clientId, _) && ClientMapping.SystemClients.Contains(clientId) && await store.FindAsync(clientId, cancellationToken) is not null
            ? ClientAdmin.SystemClient
            : AdminError.NotFound("client grant");
}
