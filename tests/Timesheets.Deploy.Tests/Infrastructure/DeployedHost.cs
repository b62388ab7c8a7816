using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>
/// A service in process with exactly the environment a deployment file gives it (its
/// <c>ASPNETCORE_ENVIRONMENT</c> included), so its own start-up validation judges those settings.
/// </summary>
internal sealed class DeployedHost<TEntryPoint>(IReadOnlyDictionary<string, string> environment) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (name, value) in environment)
        {
            builder.UseSetting(name.Replace("__", ":", StringComparison.Ordinal), value);
        }

        builder.UseEnvironment(environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT", "Production"));
    }
}
