using System.Globalization;
using System.Net;

namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>
/// A browser-like client of a <see cref="RoundRobinProxy"/>: one cookie jar, redirects not followed, and a
/// <see cref="Instance"/> to pin the next requests to (null: let the proxy spread them).
/// </summary>
public sealed class PinnedClient : DelegatingHandler
{
    private PinnedClient(HttpMessageHandler inner) : base(inner)
    {
    }

    /// <summary>The instance the next requests go to; null for round robin.</summary>
    public int? Instance { get; set; }

    public HttpClient Http { get; private set; } = null!;

    public static PinnedClient For(RoundRobinProxy proxy)
    {
        var handler = new PinnedClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            UseCookies = true,
        });
        handler.Http = new HttpClient(handler) { BaseAddress = proxy.Url };
        return handler;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Instance is { } instance)
        {
            request.Headers.Remove(RoundRobinProxy.InstanceHeader);
            request.Headers.Add(RoundRobinProxy.InstanceHeader, instance.ToString(CultureInfo.InvariantCulture));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
