using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>
/// The load balancer in front of a <see cref="ServiceCluster"/>: a YARP forwarder in this test process on its own
/// loopback port, sending each request to the next instance that is up, in turn. It keeps the client's
/// <c>Host</c> header, so the instances build links and cookies for the proxy's address, as behind a real one.
/// A request with <see cref="InstanceHeader"/> goes to that instance instead (a test that needs "log in at one,
/// redeem at the other" says which), still through the proxy.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    /// <summary>Request header naming the instance (0, 1, …) that must answer; without it, round robin.</summary>
    public const string InstanceHeader = "X-Test-Instance";

    /// <summary>Response header naming the instance that answered.</summary>
    public const string AnsweredByHeader = "X-Test-Answered-By";

    private readonly ServiceCluster _cluster;
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    private int _next = -1;

    private RoundRobinProxy(ServiceCluster cluster, Uri url)
    {
        _cluster = cluster;
        Url = url;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        _app = builder.Build();
        _app.Map("/{**path}", ForwardAsync);
    }

    /// <summary>The address clients use (and the services' issuer, for Identity).</summary>
    public Uri Url { get; }

    /// <summary>Requests each instance answered, by index.</summary>
    public int[] Answered { get; private set; } = [];

    public static Task<RoundRobinProxy> StartAsync(ServiceCluster cluster) => StartAsync(cluster, FreePort.NextUrl());

    /// <summary>A proxy on <paramref name="url"/> (known before the instances start, e.g. as Identity's issuer).</summary>
    public static async Task<RoundRobinProxy> StartAsync(ServiceCluster cluster, Uri url)
    {
        var proxy = new RoundRobinProxy(cluster, url) { Answered = new int[cluster.Instances.Count] };
        await proxy._app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder)
    {
        var index = Pick(context.Request.Headers[InstanceHeader]);
        if (index < 0)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        Interlocked.Increment(ref Answered[index]);
        context.Response.Headers[AnsweredByHeader] = index.ToString(CultureInfo.InvariantCulture);
        var error = await forwarder.SendAsync(context, _cluster[index].Url.ToString(), _invoker,
            new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(100) }, OriginalHost.Instance);
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
    }

    /// <summary>The pinned instance, or the next one that is up; -1 when none is.</summary>
    private int Pick(string? pinned)
    {
        if (int.TryParse(pinned, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _cluster.Instances.Count)
        {
            return index;
        }

        for (var tries = 0; tries < _cluster.Instances.Count; tries++)
        {
            var candidate = (int)((uint)Interlocked.Increment(ref _next) % (uint)_cluster.Instances.Count);
            if (_cluster[candidate].IsUp)
            {
                return candidate;
            }
        }

        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _invoker.Dispose();
    }

    /// <summary>YARP's default request transform, but the instance sees the <c>Host</c> the client asked for.</summary>
    private sealed class OriginalHost : HttpTransformer
    {
        public static readonly OriginalHost Instance = new();

        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
            string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Host = httpContext.Request.Host.Value;
        }
    }
}
