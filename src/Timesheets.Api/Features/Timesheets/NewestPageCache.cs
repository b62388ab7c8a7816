using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>
/// The first page of each user's own entries (<c>GET /timesheets</c> with no filter, what the app
/// opens on), kept as the JSON bytes that were sent, so that reading it again costs neither a query
/// nor serialisation.
/// <para>
/// A page is served only while nothing that could change it has committed since it was read. Every
/// owner has a version (one of <see cref="Stripes"/> counters, chosen by a hash of the <c>sub</c>;
/// two owners sharing a counter only cost each other a miss), and there is one version for all.
/// A page records both versions as they were <em>before</em> its query ran; a write bumps them
/// <em>after</em> it commits. So a page read before a commit can never outlive it, whichever
/// finished first.
/// </para>
/// <para>
/// Who bumps: this instance's writes, after their commit and before they answer, so a client reads
/// its own writes (<see cref="NewestPageInvalidation"/>); and, on PostgreSQL, <see cref="Data.ChangeListener"/>
/// for writes committed through other instances (<see cref="Data.ChangeBroadcast"/> sends them). Until
/// that listener is connected, and whenever it is not, the cache serves nothing (<see cref="Available"/>).
/// A notification arrives a moment after the commit, so on PostgreSQL a kept page is also checked against
/// the database before it is served (<see cref="PageProbe"/>, one index probe): a client that wrote through
/// one instance and reads through another at once still sees its write.
/// </para>
/// </summary>
internal sealed class NewestPageCache : IDisposable
{
    /// <summary>The oldest a page may be, even when a notification was lost without the connection failing visibly.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private const int Stripes = 4096;

    private readonly long[] _ownerVersions = new long[Stripes];
    private readonly MemoryCache? _pages;
    private readonly JsonSerializerOptions _json;
    private long _allVersion;
    private volatile bool _available;

    private readonly Data.ChangeBroadcast _broadcast;
    private readonly bool _probe;

    public NewestPageCache(IOptions<CacheSettings> settings, IOptions<JsonOptions> json, IOptions<DatabaseSettings> database, Data.ChangeBroadcast broadcast)
    {
        _broadcast = broadcast;
        _json = json.Value.SerializerOptions;
        var bytes = settings.Value.PageMegabytes * 1024L * 1024;
        _pages = bytes > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = bytes }) : null;
        // SQLite: one process owns the file, and its handlers bump every change they make.
        // PostgreSQL: other instances write too; the listener turns the cache on once it listens.
        _available = _pages is not null && database.Value.Provider != DatabaseProviders.Postgres;
        _probe = database.Value.Provider == DatabaseProviders.Postgres;
    }

    /// <summary>False while writes of other instances could go unnoticed: nothing is served or kept then.</summary>
    public bool Available
    {
        get => _available;
        set => _available = value && _pages is not null;
    }

    /// <summary>The versions a page read from now on depends on; take them before the query.</summary>
    public Stamp StampOf(string sub) => new(Volatile.Read(ref _ownerVersions[StripeOf(sub)]), Interlocked.Read(ref _allVersion));

    /// <summary>The page kept for this owner and key, current as far as this instance knows (no database check).</summary>
    public bool TryGet(string sub, string key, out CachedPage page)
    {
        if (_available && _pages!.TryGetValue(key, out var value) && value is CachedPage cached && cached.Owner == sub && cached.Stamp == StampOf(sub))
        {
            page = cached;
            return true;
        }

        page = null!;
        return false;
    }

    /// <summary>
    /// The kept page when it is still true (<see cref="Lookup.Page"/>), else what a page read now must
    /// record: the versions and, on PostgreSQL, the database's horizon, both taken before its query.
    /// </summary>
    public async Task<Lookup> LookUpAsync(string sub, string key, Data.ApiDataContext db, CancellationToken cancellationToken)
    {
        var stamp = StampOf(sub);
        if (!_available)
        {
            return new Lookup(null, stamp, 0); // a page read now is not kept (and a horizon of 0 would never pass the probe)
        }

        var cached = TryGet(sub, key, out var page) && page.Stamp == stamp ? page : null;
        if (!_probe)
        {
            return new Lookup(cached, stamp, 0);
        }

        var probe = await PageProbe.RunAsync(db, sub, cached?.Horizon ?? long.MaxValue, cancellationToken);
        return new Lookup(probe.Changed ? null : cached, stamp, probe.Horizon);
    }

    /// <summary>Serialises the page once; keeps it when the cache is on and nothing committed since the <paramref name="lookup"/>.</summary>
    public CachedPage Store(string sub, string key, Lookup lookup, List<EntryResponse> entries, string? link)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(entries, _json);
        var page = new CachedPage(json, link, lookup.Stamp, lookup.Horizon, sub, $"W/\"{Convert.ToBase64String(SHA256.HashData(json), 0, 15)}\"");
        if (_available)
        {
            // Size counts the JSON plus the key and the entry's own bookkeeping.
            _pages!.Set(key, page, new MemoryCacheEntryOptions { Size = page.Json.Length + (key.Length * 2) + 200, AbsoluteExpirationRelativeToNow = MaxAge });
        }

        return page;
    }

    /// <summary>After this instance committed a change of the owner's entries: here at once, and on the other instances.</summary>
    public void Changed(string owner)
    {
        Invalidate(owner);
        _broadcast.EntriesChanged(owner);
    }

    /// <summary>After this instance committed a change that may touch anyone's page (a project renamed, an upload).</summary>
    public void ChangedAll()
    {
        InvalidateAll();
        _broadcast.AllChanged();
    }

    /// <summary>The owner's page is out of date (here only: what another instance said).</summary>
    public void Invalidate(string owner) => Interlocked.Increment(ref _ownerVersions[StripeOf(owner)]);

    /// <summary>Every page is out of date (here only).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _allVersion);
        _pages?.Clear();
    }

    public void Dispose() => _pages?.Dispose();

    private static int StripeOf(string sub) => (int)((uint)string.GetHashCode(sub, StringComparison.Ordinal) % Stripes);

    /// <summary>The cache key: the owner, the path and the exact query string (they shape the <c>Link</c> header).</summary>
    public static string KeyOf(string sub, HttpRequest request) => KeyOf(sub, request.Path, request.QueryString);

    public static string KeyOf(string sub, PathString path, QueryString query) => string.Concat(sub, "\n", path.Value, query.Value);

    internal readonly record struct Stamp(long Owner, long All);

    /// <summary>A page still true, or null; and what a page read now records.</summary>
    internal readonly record struct Lookup(CachedPage? Page, Stamp Stamp, long Horizon);
}

/// <summary>
/// A page as sent: <c>200</c>, the JSON bytes, and the next page's <c>Link</c> when there is one. It is
/// served only to its <paramref name="Owner"/>, whatever the key, and on PostgreSQL only while no change of
/// the owner's entries was written at or after its <paramref name="Horizon"/> (<see cref="PageProbe"/>). Its <paramref name="ETag"/> (a hash of
/// the bytes) lets an app that already holds the page ask with <c>If-None-Match</c> and get <c>304</c>
/// with no body.
/// </summary>
internal sealed record CachedPage(byte[] Json, string? Link, NewestPageCache.Stamp Stamp, long Horizon, string Owner, string ETag) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = ETag;
        if (Link is not null)
        {
            response.Headers.Link = Link;
        }

        if (EntityTags.Lists(httpContext.Request.Headers.IfNoneMatch, ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = Json.Length;
        return response.Body.WriteAsync(Json).AsTask();
    }
}
