using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Timesheets.Api;
using Timesheets.App.Host;

namespace Timesheets.EndToEnd.Infrastructure;

/// <summary>Real Kestrel servers on free loopback ports, so the browser reaches them as it would in production.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Url(int port) => $"http://127.0.0.1:{port}";
}

/// <summary>A web application factory that applies its settings through <c>UseSetting</c>, as the services read them at start.</summary>
internal class SettingsFactory<T>(string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<T>
    where T : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment(environment);
    }
}

internal sealed class ApiServer(IReadOnlyDictionary<string, string?> settings) : SettingsFactory<ApiEntryPoint>("Testing", settings);

internal sealed class AppServer(IReadOnlyDictionary<string, string?> settings) : SettingsFactory<AppHostEntryPoint>("Production", settings);

/// <summary>The test Identity host (demo users, keys, database) on Kestrel, at the issuer its settings name.</summary>
internal sealed class IdentityServer(TestDatabase database, IReadOnlyDictionary<string, string?> settings) : IdentityHost(database, settings);
