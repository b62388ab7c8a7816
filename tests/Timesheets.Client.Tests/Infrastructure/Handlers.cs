using System.Net;

namespace Timesheets.Client.Tests.Infrastructure;

/// <summary>Counts the requests that pass through it (those <paramref name="counts"/> picks) and the statuses answered.</summary>
public sealed class CountingHandler(Func<HttpRequestMessage, bool> counts) : DelegatingHandler
{
    private int _count;
    private int _unauthorized;

    public int Count => Volatile.Read(ref _count);

    /// <summary>How many counted requests were answered 401.</summary>
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    /// <summary>Token endpoint requests (refresh, client credentials), not discovery.</summary>
    public static CountingHandler TokenRequests() =>
        new(r => r.Method == HttpMethod.Post && r.RequestUri?.AbsolutePath == "/oauth/token");

    public static CountingHandler All() => new(_ => true);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var counted = counts(request);
        if (counted)
        {
            Interlocked.Increment(ref _count);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (counted && response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Interlocked.Increment(ref _unauthorized);
        }

        return response;
    }
}

/// <summary>The network between the client and the API: while <see cref="Offline"/>, every request fails as an unreachable host does.</summary>
public sealed class NetworkSwitch : DelegatingHandler
{
    private int _delivered;

    public bool Offline { get; set; }

    /// <summary>Requests that reached the API.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Offline)
        {
            throw new HttpRequestException("Connection refused (localhost:80)", null, HttpStatusCode.ServiceUnavailable);
        }

        Interlocked.Increment(ref _delivered);
        return base.SendAsync(request, cancellationToken);
    }
}
