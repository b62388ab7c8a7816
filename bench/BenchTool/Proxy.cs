using System.Globalization;
using System.Net;

/// <summary>
/// <c>proxy</c>: the load balancer of bench/soak.sh, a round-robin reverse proxy in a few lines (no package: the bench
/// tools use only the shared framework). Each request goes to the next backend; the client's <c>Host</c> header is
/// kept, as a real proxy does, so the services build links for the proxy's address. <c>GET /_proxy/answered</c> tells
/// how many requests each backend answered, and how many could not be forwarded (a 502).
/// </summary>
internal static class Proxy
{
    public static async Task<int> RunAsync(string listen, string[] backends)
    {
        var answered = new long[backends.Length];
        long failed = 0;
        long next = -1;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        { Timeout = TimeSpan.FromSeconds(100) };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/_proxy/answered", () => Results.Ok(new { answered, failed = Interlocked.Read(ref failed) }));
        app.Map("/{**path}", async (HttpContext context) =>
        {
            var index = (int)((ulong)Interlocked.Increment(ref next) % (ulong)backends.Length);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
                backends[index].TrimEnd('/') + context.Request.Path + context.Request.QueryString);
            if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                request.Content = new StreamContent(context.Request.Body);
            }

            foreach (var (name, values) in context.Request.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }

            request.Headers.Host = context.Request.Host.Value;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }

            using (response)
            {
                Interlocked.Increment(ref answered[index]);
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                {
                    if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.Headers[name] = values.ToArray();
                    }
                }

                context.Response.Headers["X-Answered-By"] = index.ToString(CultureInfo.InvariantCulture);
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
        });
        app.Urls.Add(listen);
        await app.RunAsync();
        return 0;
    }
}
