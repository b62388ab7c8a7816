namespace Timesheets.Cli.Tests.Infrastructure;

/// <summary>A transport whose server can be taken away: meanwhile every call fails as a refused connection does.</summary>
public sealed class SwitchableHandler : HttpMessageHandler
{
    private HttpMessageInvoker? _target;

    public bool IsUp => _target is not null;

    public void Connect(HttpMessageHandler handler) => _target = new HttpMessageInvoker(handler, disposeHandler: false);

    public void Disconnect() => _target = null;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _target is { } target
            ? target.SendAsync(request, cancellationToken)
            : Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (127.0.0.1:5002)"));
}
