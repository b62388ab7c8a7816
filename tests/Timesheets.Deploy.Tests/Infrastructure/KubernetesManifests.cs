namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>
/// Every object of deploy/kubernetes: the manifests applied as a folder, the migration Jobs, and the
/// example Secrets (placeholders of the right shape, standing in for the operator's real ones).
/// </summary>
internal sealed class KubernetesManifests
{
    public const string Folder = "deploy/kubernetes";

    private KubernetesManifests(IReadOnlyList<YamlMap> objects) => Objects = objects;

    public IReadOnlyList<YamlMap> Objects { get; }

    public static KubernetesManifests Load() => new(
        [.. new[] { Folder, $"{Folder}/migrate", $"{Folder}/examples" }
            .SelectMany(folder => Directory.GetFiles(RepositoryFiles.FullPath(folder), "*.yaml"))
            .Order(StringComparer.Ordinal)
            .SelectMany(file => YamlMap.Documents(File.ReadAllText(file), Path.GetRelativePath(RepositoryFiles.Root, file)))]);

    public IEnumerable<YamlMap> OfKind(string kind) => Objects.Where(o => o.String("kind") == kind);

    public YamlMap Named(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o.At("metadata").String("name") == name)
        ?? throw new KeyNotFoundException($"No {kind} named {name} in {Folder}.");

    /// <summary>The pod spec's one container (every workload here has one).</summary>
    public static YamlMap Container(YamlMap workload) => workload.At("spec", "template", "spec").Maps("containers").Single();

    /// <summary>The environment a container gets: its ConfigMaps' data and its Secrets' values (envFrom), then env.</summary>
    public IReadOnlyDictionary<string, string> Environment(YamlMap container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in container.Maps("envFrom"))
        {
            var (kind, reference, data) = source.OptionalMap("configMapRef") is { } configMap
                ? ("ConfigMap", configMap, "data")
                : ("Secret", source.Map("secretRef"), "stringData");
            foreach (var (name, value) in Named(kind, reference.String("name")).Map(data).ToStrings())
            {
                environment[name] = value;
            }
        }

        foreach (var variable in container.Maps("env"))
        {
            environment[variable.String("name")] = variable.OptionalString("value") ?? "";
        }

        return environment;
    }
}
