using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Management.ResourceServers;

/// <summary>
/// The registered APIs as the token endpoints need them: which audiences exist, their token lifetime,
/// whether refresh tokens go with them and the names of their permissions (what a machine client's
/// token may carry). Held in memory for at most <see cref="MaxAge"/>; an
/// audience not in the snapshot makes it reload at once, so an API created on any instance is usable
/// on every instance with its very first token request. A change through <see cref="ResourceServerAdmin"/>
/// drops the snapshot here; other instances see a changed lifetime within <see cref="MaxAge"/>.
/// </summary>
internal sealed class ResourceServerCatalog(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>A miss reloads at most this often, so requests naming unknown audiences cannot hammer the database.</summary>
    private static readonly TimeSpan MissReload = TimeSpan.FromSeconds(1);

    private volatile Snapshot? _snapshot;

    /// <summary>The API with this identifier (audience), or null when none is registered.</summary>
    public async ValueTask<RegisteredApi?> FindAsync(string identifier, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        var age = snapshot is null ? TimeSpan.MaxValue : clock.GetUtcNow() - snapshot.LoadedAt;
        if (snapshot is null || age > MaxAge || (!snapshot.Apis.ContainsKey(identifier) && age > MissReload))
        {
            snapshot = await LoadAsync(cancellationToken);
        }

        return snapshot.Apis.GetValueOrDefault(identifier);
    }

    /// <summary>Forgets the snapshot after a change made here.</summary>
    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
        var apis = await db.ResourceServers.AsNoTracking()
            .Select(r => new { r.Identifier, r.TokenLifetimeSeconds, r.AllowOfflineAccess })
            .ToListAsync(cancellationToken);
        var permissions = (await db.Permissions.AsNoTracking().Select(p => new { p.Audience, p.Name }).ToListAsync(cancellationToken))
            .ToLookup(p => p.Audience, p => p.Name, StringComparer.Ordinal);
        var snapshot = new Snapshot(apis.ToDictionary(a => a.Identifier, a => new RegisteredApi(a.Identifier, TimeSpan.FromSeconds(a.TokenLifetimeSeconds),
            a.AllowOfflineAccess, permissions[a.Identifier].ToHashSet(StringComparer.Ordinal)), StringComparer.Ordinal), clock.GetUtcNow());
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, RegisteredApi> Apis, DateTimeOffset LoadedAt);
}

/// <summary>An API as tokens see it.</summary>
internal sealed record RegisteredApi(string Identifier, TimeSpan TokenLifetime, bool AllowOfflineAccess, IReadOnlySet<string> Permissions);
