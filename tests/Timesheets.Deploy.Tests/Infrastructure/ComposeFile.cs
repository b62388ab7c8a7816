using System.Text.RegularExpressions;

namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>
/// deploy/compose.yaml as <c>docker compose config</c> would see it with the variables of a fresh
/// deploy/.env: the defaults of deploy/.env.example, secrets filled in as init-secrets.sh fills them.
/// </summary>
internal sealed partial class ComposeFile
{
    public const string Folder = "deploy";

    /// <summary>What init-secrets.sh writes into the empty secrets of .env.example (values of the same shape).</summary>
    public static readonly IReadOnlyDictionary<string, string> GeneratedSecrets = new Dictionary<string, string>
    {
        ["POSTGRES_PASSWORD"] = "postgres-password-0123456789abcd",
        ["IMPORT_CLIENT_SECRET"] = "import-secret-0123456789abcdefgh",
        ["API_CLIENT_SECRET"] = "api-secret-0123456789abcdefghijk",
    };

    private ComposeFile(YamlMap root) => Root = root;

    public YamlMap Root { get; }

    public YamlMap Services => Root.Map("services");

    public static ComposeFile Load() => new(YamlMap.Documents(Interpolate(RepositoryFiles.Read($"{Folder}/compose.yaml"), Variables()), "compose.yaml").Single());

    /// <summary>The variables of deploy/.env.example, with the secrets init-secrets.sh generates.</summary>
    public static Dictionary<string, string> Variables()
    {
        var variables = RepositoryFiles.Read($"{Folder}/.env.example").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        foreach (var (name, value) in GeneratedSecrets)
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>Compose's <c>${NAME}</c>, <c>${NAME:-default}</c> and <c>${NAME:?error}</c> (which stops compose when NAME is empty).</summary>
    public static string Interpolate(string text, IReadOnlyDictionary<string, string> variables) =>
        VariablePattern().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            var value = variables.GetValueOrDefault(name, "");
            return match.Groups["op"].Value switch
            {
                ":-" => value.Length > 0 ? value : match.Groups["arg"].Value,
                ":?" when value.Length == 0 => throw new InvalidOperationException($"compose stops: {name} is empty ({match.Groups["arg"].Value})."),
                _ => value,
            };
        });

    /// <summary>The services running an image (<c>timesheets/identity</c>), by name.</summary>
    public IReadOnlyDictionary<string, YamlMap> ServicesOf(string image) =>
        Services.Keys.Select(name => (name, service: Services.Map(name)))
            .Where(s => s.service.OptionalString("image")?.StartsWith(image + ":", StringComparison.Ordinal) == true)
            .ToDictionary(s => s.name, s => s.service);

    /// <summary>The instances that serve (no one-shot command such as <c>migrate</c>).</summary>
    public IReadOnlyDictionary<string, YamlMap> InstancesOf(string image) =>
        ServicesOf(image).Where(s => !s.Value.Has("command")).ToDictionary();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:\?)(?<arg>[^}]*))?\}")]
    private static partial Regex VariablePattern();
}
