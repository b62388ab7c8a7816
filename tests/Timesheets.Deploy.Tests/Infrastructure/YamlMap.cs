using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>
/// A YAML mapping as tools read it: every scalar a string, merge keys (<c>&lt;&lt;: *anchor</c>) resolved
/// as Docker Compose resolves them. A missing required key fails the test with the path that was asked for.
/// </summary>
internal sealed class YamlMap(IDictionary<object, object?> values, string path)
{
    public string Path { get; } = path;

    public IEnumerable<string> Keys => values.Keys.Select(k => k.ToString()!);

    /// <summary>Every document of a YAML text that is a mapping.</summary>
    public static IReadOnlyList<YamlMap> Documents(string text, string source)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<StreamStart>();
        var documents = new List<YamlMap>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize(parser) is IDictionary<object, object?> document)
            {
                documents.Add(new YamlMap(document, source));
            }
        }

        return documents;
    }

    public bool Has(string key) => values.ContainsKey(key);

    public string? OptionalString(string key) => values.TryGetValue(key, out var value) ? value?.ToString() : null;

    public string String(string key) => OptionalString(key) ?? throw Missing(key);

    public YamlMap? OptionalMap(string key) =>
        values.TryGetValue(key, out var value) && value is IDictionary<object, object?> map ? new YamlMap(map, $"{Path}.{key}") : null;

    public YamlMap Map(string key) => OptionalMap(key) ?? throw Missing(key);

    /// <summary>A nested mapping, e.g. <c>At("spec", "template", "spec")</c>.</summary>
    public YamlMap At(params string[] keys) => keys.Aggregate(this, (map, key) => map.Map(key));

    public IReadOnlyList<object?> List(string key) =>
        values.TryGetValue(key, out var value) && value is IList<object?> list ? [.. list] : [];

    public IReadOnlyList<YamlMap> Maps(string key) =>
        [.. List(key).OfType<IDictionary<object, object?>>().Select((m, i) => new YamlMap(m, $"{Path}.{key}[{i}]"))];

    public IReadOnlyList<string> Strings(string key) => [.. List(key).Select(v => v?.ToString() ?? "")];

    /// <summary>The mapping's scalar entries as strings (environment blocks, ConfigMap data).</summary>
    public IReadOnlyDictionary<string, string> ToStrings() =>
        values.ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "");

    private KeyNotFoundException Missing(string key) => new($"{Path} has no '{key}'.");
}
