using System.Text.Json.Nodes;
using Timesheets.Deploy.Tests.Infrastructure;

namespace Timesheets.Deploy.Tests.Kubernetes;

/// <summary>
/// The Kubernetes manifests, checked for what a cluster would accept but a user would be hurt by:
/// one replica, no disruption budget, a probe or Service on a port nothing listens on, an Ingress to
/// nowhere, an upload refused by the ingress, a pod killed for memory the benchmarks say it needs.
/// </summary>
public sealed class KubernetesTests
{
    /// <summary>docs/benchmarks.md: the largest resident memory measured under load (Identity 252 MB once, API 236 MB).</summary>
    private const long MeasuredPeakBytes = 252_000_000;

    private readonly KubernetesManifests _manifests = KubernetesManifests.Load();

    public static TheoryData<string> Images => [.. Deployable.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Images))]
    public void Deployment_RunsTwoReplicasWithABudgetThatKeepsOne(string name)
    {
        var deployment = _manifests.Named("Deployment", name);
        var labels = deployment.At("spec", "template", "metadata", "labels").ToStrings();
        var replicas = int.Parse(deployment.At("spec").String("replicas"));

        Assert.Equal(2, replicas);
        Assert.True(Selects(deployment.At("spec", "selector", "matchLabels"), labels));
        var budget = Assert.Single(_manifests.OfKind("PodDisruptionBudget"), b => Selects(b.At("spec", "selector", "matchLabels"), labels));
        var minAvailable = int.Parse(budget.At("spec").String("minAvailable"));
        Assert.InRange(minAvailable, 1, replicas - 1);
        // A rolling update never takes a replica away before its successor is ready.
        Assert.Equal("0", deployment.At("spec", "strategy", "rollingUpdate").String("maxUnavailable"));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Deployment_ProbesAndService_UseThePortTheServiceListensOn(string name)
    {
        var deployment = _manifests.Named("Deployment", name);
        var container = KubernetesManifests.Container(deployment);
        var port = Assert.Single(container.Maps("ports"));
        var environment = _manifests.Environment(container);

        Assert.Equal(environment["ASPNETCORE_HTTP_PORTS"], port.String("containerPort"));
        Assert.Equal("/health/live", container.At("livenessProbe", "httpGet").String("path"));
        Assert.Equal("/health/ready", container.At("readinessProbe", "httpGet").String("path"));
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            Assert.Equal(port.String("name"), container.At(probe, "httpGet").String("port"));
        }

        var service = _manifests.Named("Service", name);
        Assert.True(Selects(service.At("spec").Map("selector"), deployment.At("spec", "template", "metadata", "labels").ToStrings()));
        Assert.Contains(service.At("spec").Maps("ports"), p => p.String("targetPort") == port.String("name"));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Deployment_Resources_CoverTheMeasuredMemoryAndRunAsNonRoot(string name)
    {
        var deployment = _manifests.Named("Deployment", name);
        var container = KubernetesManifests.Container(deployment);
        var resources = container.Map("resources");
        var request = Bytes(resources.At("requests").String("memory"));
        var limit = Bytes(resources.At("limits").String("memory"));

        if (name != Deployable.App.Name)
        {
            Assert.True(request >= MeasuredPeakBytes, $"{name} requests {request} bytes, under the {MeasuredPeakBytes} measured.");
        }

        Assert.True(limit > request, $"{name}: the memory limit must leave room above the request.");
        var pod = deployment.At("spec", "template", "spec");
        Assert.Equal("true", pod.Map("securityContext").String("runAsNonRoot"));
        // A read-only root file system needs a writable /tmp (.NET's diagnostics sockets).
        Assert.Equal("true", container.Map("securityContext").String("readOnlyRootFilesystem"));
        Assert.Contains(container.Maps("volumeMounts"), m => m.String("mountPath") == "/tmp");
    }

    [Fact]
    public void Ingress_EachHost_ReachesTheServiceItsUrlNamesWithTls()
    {
        var ingress = Assert.Single(_manifests.OfKind("Ingress"));
        var identity = _manifests.Environment(KubernetesManifests.Container(_manifests.Named("Deployment", "identity")));
        var app = _manifests.Environment(KubernetesManifests.Container(_manifests.Named("Deployment", "app")));
        var hosts = new Dictionary<string, string>
        {
            [new Uri(app["App__IdentityUrl"]).Host] = "identity",
            [new Uri(app["App__ApiUrl"]).Host] = "api",
            [new Uri(identity["Identity__AppUrl"]).Host] = "app",
        };

        var rules = ingress.At("spec").Maps("rules");
        Assert.Equal(hosts.Keys.Order(), rules.Select(r => r.String("host")).Order());
        foreach (var rule in rules)
        {
            var backend = rule.At("http").Maps("paths").Single().At("backend", "service");
            Assert.Equal(hosts[rule.String("host")], backend.String("name"));
            var service = _manifests.Named("Service", backend.String("name"));
            Assert.Contains(service.At("spec").Maps("ports"), p => p.String("name") == backend.At("port").String("name"));
        }

        Assert.Equal(hosts.Keys.Order(), ingress.At("spec").Maps("tls").Single().Strings("hosts").Order());
    }

    [Fact]
    public void Ingress_BodyLimit_LetsTheLargestUploadThrough()
    {
        var ingress = Assert.Single(_manifests.OfKind("Ingress"));
        var settings = JsonNode.Parse(RepositoryFiles.Read("src/Timesheets.Api/appsettings.json"))!;
        var maxUpload = settings["Limits"]!["MaxUploadBytes"]!.GetValue<long>();

        // ingress-nginx's own default is 1 MiB: without the annotation a 100,000-row upload gets 413 from the ingress.
        var limit = ingress.At("metadata", "annotations").String("nginx.ingress.kubernetes.io/proxy-body-size");
        Assert.True(Bytes(limit) >= maxUpload, $"proxy-body-size {limit} is under the API's upload limit of {maxUpload} bytes.");
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("api")]
    public void MigrationJob_RunsMigrateWithTheDeploymentsImageAndSettings(string name)
    {
        var deployment = KubernetesManifests.Container(_manifests.Named("Deployment", name));
        var job = _manifests.Named("Job", $"{name}-migrate");
        var container = KubernetesManifests.Container(job);

        Assert.Equal(["migrate"], container.Strings("args"));
        Assert.Equal(deployment.String("image"), container.String("image"));
        Assert.Equal(_manifests.Environment(deployment), _manifests.Environment(container));
        Assert.Equal("Never", job.At("spec", "template", "spec").String("restartPolicy"));
        Assert.NotEqual("true", _manifests.Environment(deployment).GetValueOrDefault("Database__MigrateOnStart"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Identity_KeyFile_IsMountedWhereTheSettingPoints()
    {
        foreach (var workload in new[] { _manifests.Named("Deployment", "identity"), _manifests.Named("Job", "identity-migrate") })
        {
            var container = KubernetesManifests.Container(workload);
            var keyFile = _manifests.Environment(container)["Keys__EncryptionKeyFile"];
            var mount = Assert.Single(container.Maps("volumeMounts"), m => m.String("mountPath") == Path.GetDirectoryName(keyFile));
            var volume = workload.At("spec", "template", "spec").Maps("volumes").Single(v => v.String("name") == mount.String("name"));
            var secret = _manifests.Named("Secret", volume.At("secret").String("secretName"));

            Assert.True(secret.Map("stringData").Has(Path.GetFileName(keyFile)), $"The Secret {secret.At("metadata").String("name")} has no {Path.GetFileName(keyFile)}.");
            // Secret files belong to root; the service's group (fsGroup) may read them.
            Assert.Equal("1654", workload.At("spec", "template", "spec", "securityContext").String("fsGroup"));
        }
    }

    private static bool Selects(YamlMap selector, IReadOnlyDictionary<string, string> labels) =>
        selector.ToStrings().All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    /// <summary>Kubernetes and nginx quantities: 512Mi, 256M, 16m (nginx: MiB).</summary>
    private static long Bytes(string quantity)
    {
        var units = new (string Suffix, long Factor)[] { ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("k", 1L << 10), ("m", 1L << 20), ("g", 1L << 30), ("K", 1000), ("M", 1_000_000), ("G", 1_000_000_000) };
        var (suffix, factor) = units.FirstOrDefault(u => quantity.EndsWith(u.Suffix, StringComparison.Ordinal), ("", 1));
        return long.Parse(quantity[..^suffix.Length]) * factor;
    }
}
