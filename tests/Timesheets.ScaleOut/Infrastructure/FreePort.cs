using System.Net;
using System.Net.Sockets;

namespace Timesheets.ScaleOut.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on now (the kernel's pick), as an http:// base URL.</summary>
    public static Uri NextUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
