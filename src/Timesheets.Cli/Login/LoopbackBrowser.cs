using System.Net.Sockets;
using System.Net;
using System.Text;
using Duende.IdentityModel.OidcClient.Browser;
using Spectre.Console;

namespace Timesheets.Cli.Login;

/// <summary>
/// The system browser with a loopback redirect (RFC 8252 §7.3): listens on 127.0.0.1 at a free
/// port, opens the authorize URL, and waits for the browser to come back to <c>/callback</c>.
/// </summary>
internal sealed class LoopbackBrowser(CliContext context) : IBrowser, IDisposable
{
    private const string ClosePage = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Timesheets</title></head>"
        + "<body style=\"font-family:sans-serif\"><h1>Logged in</h1><p>You can close this tab and go back to the terminal.</p></body></html>";

    private readonly HttpListener _listener = new();

    /// <summary>The IP literal, not <c>localhost</c> (RFC 8252 §8.3): no resolver or firewall can send it elsewhere.</summary>
    public string RedirectUri { get; } = $"http://127.0.0.1:{FreePort()}/callback";

    public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        _listener.Prefixes.Add(RedirectUri[..^"callback".Length]);
        _listener.Start();
        context.Console.MarkupLine("Opening your browser to log in. If it does not open, visit:");
        // Raw, not through the console's line wrapping: a wrapped URL does not paste.
        await context.Out.WriteLineAsync(options.StartUrl);
        await context.OpenUrl(new Uri(options.StartUrl), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            while (true)
            {
                var request = await _listener.GetContextAsync().WaitAsync(timeout.Token);
                if (request.Request.Url?.AbsolutePath != "/callback")
                {
                    request.Response.StatusCode = 404; // a favicon or a probe, not the answer
                    request.Response.Close();
                    continue;
                }

                await RespondAsync(request.Response, timeout.Token);
                return new BrowserResult { ResultType = BrowserResultType.Success, Response = request.Request.Url.AbsoluteUri };
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BrowserResult { ResultType = BrowserResultType.Timeout, Error = "No answer from the browser in time." };
        }
    }

    public void Dispose() => ((IDisposable)_listener).Dispose();

    private static async Task RespondAsync(HttpListenerResponse response, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(ClosePage);
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body, cancellationToken);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
