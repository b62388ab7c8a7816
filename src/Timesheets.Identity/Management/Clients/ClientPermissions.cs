using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using Timesheets.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Management.Clients;

/// <summary>
/// Reads and rewrites applications' OpenIddict permissions. Applications are loaded through this
/// request's context (tracked), never from the application manager's process-wide cache, so an update
/// never attaches a second copy of an entity.
/// </summary>
internal sealed class ClientPermissions(IdentityDataContext db, IOpenIddictApplicationManager applications)
{
    public Task<OpenIddictEntityFrameworkCoreApplication?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        db.Set<OpenIddictEntityFrameworkCoreApplication>().FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);

    public Task<List<OpenIddictEntityFrameworkCoreApplication>> AllAsync(CancellationToken cancellationToken) =>
        db.Set<OpenIddictEntityFrameworkCoreApplication>().OrderBy(a => a.DisplayName).ThenBy(a => a.ClientId).ToListAsync(cancellationToken);

    public async Task<OpenIddictApplicationDescriptor> DescribeAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        return descriptor;
    }

    /// <summary>Saves a changed descriptor (OpenIddict validates it and hashes a new secret); the manager drops its cached copy.</summary>
    public ValueTask SaveAsync(OpenIddictEntityFrameworkCoreApplication application, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken) =>
        applications.UpdateAsync(application, descriptor, cancellationToken);

    /// <summary>Every client loses its access to the API and to these permissions of it.</summary>
    public Task RemoveApiAsync(string audience, IReadOnlyCollection<string> permissionNames, CancellationToken cancellationToken) =>
        RewriteAsync(p => p == Permissions.Prefixes.Resource + audience || IsScopeOf(p, permissionNames), cancellationToken);

    /// <summary>Every client loses these permissions (they no longer exist).</summary>
    public Task RemoveScopesAsync(IReadOnlyCollection<string> permissionNames, CancellationToken cancellationToken) =>
        RewriteAsync(p => IsScopeOf(p, permissionNames), cancellationToken);

    private static bool IsScopeOf(string permission, IReadOnlyCollection<string> names) =>
        permission.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal) && names.Contains(permission[Permissions.Prefixes.Scope.Length..]);

    private async Task RewriteAsync(Func<string, bool> remove, CancellationToken cancellationToken)
    {
        foreach (var application in await AllAsync(cancellationToken))
        {
            ImmutableArray<string> permissions = await applications.GetPermissionsAsync(application, cancellationToken);
            if (!permissions.Any(remove))
            {
                continue;
            }

            var descriptor = await DescribeAsync(application, cancellationToken);
            descriptor.Permissions.RemoveWhere(p => remove(p));
            await SaveAsync(application, descriptor, cancellationToken);
        }
    }
}
