using System.Text.RegularExpressions;

namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>The instructions of one Dockerfile that a wrong path or name would break at build or run time.</summary>
internal sealed partial class DockerImage
{
    private DockerImage(IReadOnlyList<string> instructions) => Instructions = instructions;

    /// <summary>One entry per instruction, continuation lines joined, comments dropped.</summary>
    public IReadOnlyList<string> Instructions { get; }

    public static DockerImage Load(Deployable deployable) => Parse(RepositoryFiles.Read(deployable.Dockerfile));

    public static DockerImage Parse(string text) =>
        new([.. text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))]);

    public IEnumerable<string> All(string instruction) =>
        Instructions.Where(i => i.StartsWith(instruction + " ", StringComparison.Ordinal)).Select(i => i[(instruction.Length + 1)..].Trim());

    /// <summary>The base images, in order: the build stage's, then the runtime's.</summary>
    public IReadOnlyList<string> BaseImages => [.. All("FROM").Select(from => from.Split(' ')[0])];

    /// <summary>Each <c>dotnet publish PROJECT ... -o OUTPUT</c> of the build.</summary>
    public IReadOnlyList<(string Project, string Output)> Publishes =>
        [.. All("RUN").SelectMany(run => PublishCommand().Matches(run)).Select(m => (m.Groups["project"].Value, m.Groups["output"].Value))];

    /// <summary>Each <c>COPY</c> as (from stage or "" for the build context, source, destination).</summary>
    public IReadOnlyList<(string Stage, string Source, string Destination)> Copies =>
        [.. All("COPY").Select(copy => copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(words =>
            (words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..] ?? "",
             words[^2], words[^1]))];

    public IReadOnlyDictionary<string, string> Environment =>
        All("ENV").Select(env => env.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

    /// <summary>The <c>ENTRYPOINT</c>'s exec form, e.g. <c>["dotnet", "Timesheets.Api.dll"]</c>.</summary>
    public IReadOnlyList<string> Entrypoint => [.. Quoted().Matches(All("ENTRYPOINT").Single()).Select(m => m.Groups[1].Value)];

    /// <summary>The script the <c>HEALTHCHECK</c> runs, as it sits in the repository (its <c>COPY</c> source).</summary>
    public string HealthCheckScript
    {
        get
        {
            var command = Quoted().Matches(All("HEALTHCHECK").Single().Split(" CMD ", 2)[1]).First().Groups[1].Value;
            return Copies.Single(c => c.Destination == command && c.Stage == "").Source;
        }
    }

    /// <summary>The path the health-check script asks for.</summary>
    public string HealthCheckPath => HealthRequest().Match(RepositoryFiles.Read(HealthCheckScript)).Groups[1].Value;

    [GeneratedRegex(@"dotnet publish (?<project>\S+)[^&]*?-o (?<output>\S+)")]
    private static partial Regex PublishCommand();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"GET (/\S*) HTTP/1\.1")]
    private static partial Regex HealthRequest();
}
