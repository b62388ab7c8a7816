namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>
/// What each deployment file gives one image: its environment and the health paths that something
/// calls on it (compose: the image's HEALTHCHECK and Caddy's <c>health_uri</c>; Kubernetes: the probes).
/// </summary>
internal static class DeploymentSources
{
    public const string Compose = "compose";
    public const string Kubernetes = "kubernetes";

    public static IReadOnlyDictionary<string, string> Environment(string source, Deployable deployable)
    {
        if (source == Compose)
        {
            return ComposeFile.Load().InstancesOf(deployable.ComposeImage).Values.First().Map("environment").ToStrings();
        }

        var manifests = KubernetesManifests.Load();
        return manifests.Environment(KubernetesManifests.Container(manifests.Named("Deployment", deployable.Name)));
    }

    public static IReadOnlyList<string> ProbePaths(string source, Deployable deployable)
    {
        if (source == Compose)
        {
            return [.. ProxyConfig.HealthPaths().Append(DockerImage.Load(deployable).HealthCheckPath).Distinct()];
        }

        var container = KubernetesManifests.Container(KubernetesManifests.Load().Named("Deployment", deployable.Name));
        return [.. new[] { "startupProbe", "livenessProbe", "readinessProbe" }.Select(p => container.At(p, "httpGet").String("path")).Distinct()];
    }
}
