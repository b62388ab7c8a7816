using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Timesheets.Api;
using Timesheets.App.Host;
using Timesheets.Deploy.Tests.Infrastructure;
using Timesheets.Deploy.Tests.Settings;
using Timesheets.Identity;
using Timesheets.Testing;

namespace Timesheets.Deploy.Tests.Health;

/// <summary>
/// Each service started with the settings a deployment file gives it, in Production, on the private
/// PostgreSQL (the provider every deployment file names): it passes its own start-up validation, and
/// every health path that the file's probes, health checks or proxy call answers 200. Only what exists
/// in a container alone is replaced: the database's address, the key file's path and the app's files.
/// </summary>
public sealed class HealthProbeTests(DeployDatabases databases) : IClassFixture<DeployDatabases>
{
    public static TheoryData<string, string> SourcesAndImages => SettingsTests.SourcesAndImages;

    [Theory]
    [MemberData(nameof(SourcesAndImages))]
    public async Task Service_WithTheDeploymentsSettings_StartsAndAnswersEveryProbe(string source, string name)
    {
        var deployable = Deployable.Named(name);
        var environment = new Dictionary<string, string>(DeploymentSources.Environment(source, deployable));
        await ReplaceContainerPathsAsync(deployable, environment);
        var paths = DeploymentSources.ProbePaths(source, deployable);

        Assert.Contains("/health/live", paths);
        Assert.Contains("/health/ready", paths);
        await (deployable.Name switch
        {
            "identity" => ProbeAsync(new DeployedHost<IdentityEntryPoint>(environment), paths),
            "api" => ProbeAsync(new DeployedHost<ApiEntryPoint>(environment), paths),
            _ => ProbeAsync(new DeployedHost<AppHostEntryPoint>(environment), paths),
        });
    }

    private async Task ReplaceContainerPathsAsync(Deployable deployable, Dictionary<string, string> environment)
    {
        if (deployable == Deployable.App)
        {
            environment["App__Root"] = databases.AppFiles;
            return;
        }

        environment["Database__ConnectionString"] = (await databases.ForAsync(deployable)).ConnectionString;
        // The migration Job's (the one-shot service's) work, done here by the service itself.
        environment["Database__MigrateOnStart"] = "true";
        if (deployable == Deployable.Identity)
        {
            environment["Keys__EncryptionKeyFile"] = TestKeyFile.Shared;
        }
    }

    private static async Task ProbeAsync<TEntryPoint>(DeployedHost<TEntryPoint> host, IReadOnlyList<string> paths) where TEntryPoint : class
    {
        await using (host)
        {
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            foreach (var path in paths)
            {
                // Probes come over plain HTTP to the container's own port, without the proxy's forwarded headers.
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
                Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
            }
        }
    }
}
