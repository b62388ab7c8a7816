using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.Clients;
using Timesheets.Identity.Management.Logs;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.ResourceServers;

/// <summary>
/// APIs (Auth0's resource servers) for the Management API and the admin pages. An API is a row of
/// ResourceServers, its permissions are rows of Permissions (each also an OpenIddict scope tied to
/// the API, so clients may ask for it), and clients reach it through their <c>rst:</c>/<c>scp:</c>
/// permissions (<see cref="ClientGrantAdmin"/>). Every change is one transaction with its log entry.
/// The system APIs keep their identifier and permissions (the code checks those names) and are never deleted.
/// </summary>
internal sealed class ResourceServerAdmin(
    IdentityDataContext db, IOpenIddictScopeManager scopes, ClientPermissions clients, ResourceServerCatalog catalog,
    AdminLog log, IOptions<IdentitySettings> settings)
{
    public const string TargetType = "resource_server";

    public async Task<IReadOnlyList<ResourceServerResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var apis = await db.ResourceServers.AsNoTracking().OrderByDescending(r => r.IsSystem).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        var permissions = await db.Permissions.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. apis.Select(a => a.ToResponse(permissions.Where(p => p.Audience == a.Identifier)))];
    }

    /// <summary>By id or, as Auth0 allows, by identifier.</summary>
    public async Task<AdminResult<ResourceServerResponse>> GetAsync(string idOrIdentifier, CancellationToken cancellationToken) =>
        await FindAsync(idOrIdentifier, tracked: false, cancellationToken) is { } api
            ? AdminResult<ResourceServerResponse>.Success(api.ToResponse(await PermissionsOfAsync(api.Identifier, cancellationToken)))
            : AdminError.NotFound("API");

    public async Task<AdminResult<ResourceServerResponse>> CreateAsync(ResourceServerCreateRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var identifier = request.Identifier?.Trim() ?? "";
        if (ResourceServerInput.IdentifierProblem(identifier) is { } identifierProblem)
        {
            errors["identifier"] = [identifierProblem];
        }

        ResourceServerInput.Check(errors, request.Name, request.TokenLifetime, request.Scopes, MaxLifetime, nameRequired: true);
        if (errors.Count > 0)
        {
            return AdminError.Invalid(errors);
        }

        if (await db.ResourceServers.AnyAsync(r => r.Identifier == identifier, cancellationToken))
        {
            return AdminError.Conflict($"An API with the identifier {identifier} exists already.");
        }

        var wanted = ResourceServerInput.Scopes(request.Scopes);
        if (await TakenAsync(wanted.Keys, identifier, cancellationToken) is { } taken)
        {
            return taken;
        }

        var api = new ResourceServer
        {
            Identifier = identifier,
            Name = request.Name!.Trim(),
            TokenLifetimeSeconds = request.TokenLifetime ?? (int)MaxLifetime.TotalSeconds,
            AllowOfflineAccess = request.AllowOfflineAccess ?? false,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ResourceServers.Add(api);
        var permissions = wanted.Select(s => new Permission { Name = s.Key, Description = s.Value, Audience = identifier }).ToList();
        db.Permissions.AddRange(permissions);
        var response = api.ToResponse(permissions);
        log.Record($"Created API {api.Name} ({identifier})", TargetType, api.Id, before: null, after: response);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var permission in permissions)
        {
            await UpsertScopeAsync(permission, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        catalog.Invalidate();
        return AdminResult<ResourceServerResponse>.Success(response);
    }

    public async Task<AdminResult<ResourceServerResponse>> UpdateAsync(string id, ResourceServerUpdateRequest request, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, tracked: true, cancellationToken) is not { } api)
        {
            return AdminError.NotFound("API");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Identifier is { } identifier && identifier.Trim() != api.Identifier)
        {
            errors["identifier"] = ["The identifier of an API cannot change: it is the audience of the tokens already issued for it."];
        }

        ResourceServerInput.Check(errors, request.Name, request.TokenLifetime, request.Scopes, MaxLifetime, nameRequired: false);
        if (errors.Count > 0)
        {
            return AdminError.Invalid(errors);
        }

        var current = await db.Permissions.Where(p => p.Audience == api.Identifier).ToListAsync(cancellationToken);
        var before = api.ToResponse(current);
        var wanted = request.Scopes is null ? null : ResourceServerInput.Scopes(request.Scopes);
        if (wanted is not null && api.IsSystem && !ResourceServerInput.SameScopes(current, wanted))
        {
            return AdminError.Conflict("The permissions of a system API are fixed: the Timesheets API and the Management API check them by name.");
        }

        if (wanted is not null && await TakenAsync(wanted.Keys, api.Identifier, cancellationToken) is { } taken)
        {
            return taken;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        api.Name = request.Name?.Trim() ?? api.Name;
        api.TokenLifetimeSeconds = request.TokenLifetime ?? api.TokenLifetimeSeconds;
        api.AllowOfflineAccess = request.AllowOfflineAccess ?? api.AllowOfflineAccess;
        api.UpdatedAt = DateTimeOffset.UtcNow;
        var removed = wanted is null ? [] : current.Where(p => !wanted.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        var kept = current.Where(p => !removed.Contains(p.Name)).ToList();
        foreach (var permission in kept.Where(p => wanted is not null && wanted[p.Name] != p.Description))
        {
            permission.Description = wanted![permission.Name];
        }

        var added = wanted is null ? [] : wanted.Where(s => current.TrueForAll(p => p.Name != s.Key))
            .Select(s => new Permission { Name = s.Key, Description = s.Value, Audience = api.Identifier }).ToList();
        db.Permissions.AddRange(added);
        var after = api.ToResponse([.. kept, .. added]);
        log.Record($"Updated API {api.Name} ({api.Identifier})", TargetType, api.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        await RemovePermissionsAsync(removed, cancellationToken);
        foreach (var permission in kept.Concat(added))
        {
            await UpsertScopeAsync(permission, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        catalog.Invalidate();
        return AdminResult<ResourceServerResponse>.Success(after);
    }

    /// <summary>Deletes an API, its permissions (and so the roles' grants of them) and every client's access to it.</summary>
    public async Task<AdminResult<ResourceServerResponse>> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, tracked: true, cancellationToken) is not { } api)
        {
            return AdminError.NotFound("API");
        }

        if (api.IsSystem)
        {
            return AdminError.Conflict("A system API cannot be deleted.");
        }

        var permissions = await db.Permissions.Where(p => p.Audience == api.Identifier).ToListAsync(cancellationToken);
        var before = api.ToResponse(permissions);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await clients.RemoveApiAsync(api.Identifier, [.. permissions.Select(p => p.Name)], cancellationToken);
        db.ResourceServers.Remove(api);
        log.Record($"Deleted API {api.Name} ({api.Identifier})", TargetType, api.Id, before, after: null);
        await db.SaveChangesAsync(cancellationToken);
        await RemovePermissionsAsync([.. permissions.Select(p => p.Name)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        catalog.Invalidate();
        return AdminResult<ResourceServerResponse>.Success(before);
    }

    /// <summary>An API's token lifetime is at most the server's: a rotated signing key stays published only that long.</summary>
    public TimeSpan MaxLifetime => settings.Value.AccessTokenLifetime;

    private Task<ResourceServer?> FindAsync(string idOrIdentifier, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.ResourceServers : db.ResourceServers.AsNoTracking();
        return query.FirstOrDefaultAsync(r => r.Id == idOrIdentifier || r.Identifier == idOrIdentifier, cancellationToken);
    }

    private Task<List<Permission>> PermissionsOfAsync(string identifier, CancellationToken cancellationToken) =>
        db.Permissions.AsNoTracking().Where(p => p.Audience == identifier).OrderBy(p => p.Name).ToListAsync(cancellationToken);

    /// <summary>A permission name is unique across APIs (it is an OAuth scope).</summary>
    private async Task<AdminError?> TakenAsync(IEnumerable<string> names, string identifier, CancellationToken cancellationToken)
    {
        var list = names.ToList();
        var taken = await db.Permissions.AsNoTracking().Where(p => list.Contains(p.Name) && p.Audience != identifier)
            .Select(p => p.Name).ToListAsync(cancellationToken);
        return taken.Count == 0 ? null : AdminError.Conflict($"Permission names are unique across APIs; taken already: {string.Join(", ", taken)}.");
    }

    /// <summary>Removes permissions, the roles' grants of them, their OpenIddict scopes and every client's <c>scp:</c> for them.</summary>
    private async Task RemovePermissionsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return;
        }

        await clients.RemoveScopesAsync(names, cancellationToken);
        await db.RolePermissions.Where(rp => names.Contains(rp.PermissionName)).ExecuteDeleteAsync(cancellationToken);
        await db.Permissions.Where(p => names.Contains(p.Name)).ExecuteDeleteAsync(cancellationToken);
        foreach (var name in names)
        {
            if (await scopes.FindByNameAsync(name, cancellationToken) is { } scope)
            {
                await scopes.DeleteAsync(scope, cancellationToken);
            }
        }
    }

    /// <summary>The OpenIddict scope of a permission, tied to its API, so token requests may name it.</summary>
    private async Task UpsertScopeAsync(Permission permission, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictScopeDescriptor { Name = permission.Name, Description = permission.Description };
        descriptor.Resources.Add(permission.Audience);
        if (await scopes.FindByNameAsync(permission.Name, cancellationToken) is { } scope)
        {
            await scopes.UpdateAsync(scope, descriptor, cancellationToken);
        }
        else
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
    }
}
