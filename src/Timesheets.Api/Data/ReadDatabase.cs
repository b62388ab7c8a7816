using Microsoft.EntityFrameworkCore;

namespace Timesheets.Api.Data;

/// <summary>
/// Where the reports and the changes feed read: the read replica when
/// <c>ReadReplica:ConnectionString</c> is set (they only read, and scale out with
/// replicas), else the request's own <see cref="ApiDataContext"/>. A replica may trail the
/// primary by its replication lag: a report or a sync page may miss a write of the last moment,
/// which the next one shows (the feed's cursor only moves over rows the page has seen).
/// </summary>
internal sealed class ReadDatabase(ApiDataContext context, bool ownsContext) : IAsyncDisposable
{
    public ApiDataContext Context { get; } = context;

    /// <summary>Whether <see cref="Context"/> is the replica rather than the primary.</summary>
    public bool IsReplica => ownsContext;

    public ValueTask DisposeAsync() => ownsContext ? Context.DisposeAsync() : ValueTask.CompletedTask;

    public static void Register(IServiceCollection services, DbContextOptions<PostgresApiDataContext>? replica) =>
        services.AddScoped(sp => replica is null
            ? new ReadDatabase(sp.GetRequiredService<ApiDataContext>(), ownsContext: false)
            : new ReadDatabase(new PostgresApiDataContext(replica), ownsContext: true));
}
