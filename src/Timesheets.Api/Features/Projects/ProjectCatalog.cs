using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;

namespace Timesheets.Api.Features.Projects;

internal static class ProjectCatalogRegistration
{
    public static IServiceCollection AddProjectCatalog(this IServiceCollection services) => services.AddSingleton<ProjectCatalog>();
}

/// <summary>A project as the entry rules need it.</summary>
internal sealed record ProjectInfo(long Id, string Name, bool Archived);

/// <summary>
/// The project list (a few dozen rows, changed only through <c>/projects</c>) held in memory so that
/// creating an entry does not query it. This instance's project endpoints invalidate it; a name it
/// does not know triggers one reload (a project created on another instance is found at once). On
/// PostgreSQL, <see cref="Data.ChangeListener"/> invalidates it when another instance changes a
/// project; on either provider the list is reloaded at least every <see cref="MaxAge"/>.
/// </summary>
internal sealed class ProjectCatalog(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private Snapshot? _snapshot;
    private long _generation;

    public async Task<ProjectInfo?> FindByNameAsync(ApiDataContext db, string name, CancellationToken cancellationToken)
    {
        var (snapshot, fresh) = await CurrentAsync(db, cancellationToken);
        if (snapshot.ByName.TryGetValue(name, out var project) || fresh)
        {
            return project;
        }

        // Unknown here: perhaps created through another instance since the last load.
        Invalidate();
        return (await CurrentAsync(db, cancellationToken)).Snapshot.ByName.GetValueOrDefault(name);
    }

    public async Task<FrozenDictionary<string, ProjectInfo>> AllByNameAsync(ApiDataContext db, CancellationToken cancellationToken) =>
        (await CurrentAsync(db, cancellationToken)).Snapshot.ByName;

    /// <summary>Called after every project change made through this instance.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _snapshot, null);
    }

    private async Task<(Snapshot Snapshot, bool Fresh)> CurrentAsync(ApiDataContext db, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && clock.GetElapsedTime(snapshot.LoadedAt) < MaxAge)
        {
            return (snapshot, false);
        }

        var generation = Interlocked.Read(ref _generation);
        var loadedAt = clock.GetTimestamp();
        var projects = await db.Projects.AsNoTracking().Select(p => new ProjectInfo(p.Id, p.Name, p.Archived)).ToListAsync(cancellationToken);
        snapshot = new Snapshot(projects.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal), loadedAt);
        // A change made while this load ran may be missing from it: use it for this request, keep it only if none happened.
        if (Interlocked.Read(ref _generation) == generation)
        {
            Volatile.Write(ref _snapshot, snapshot);
        }

        return (snapshot, true);
    }

    private sealed record Snapshot(FrozenDictionary<string, ProjectInfo> ByName, long LoadedAt);
}
