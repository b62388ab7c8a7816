using System.Text.RegularExpressions;
using Timesheets.Deploy.Tests.Infrastructure;

namespace Timesheets.Deploy.Tests.Docs;

/// <summary>
/// docs/deploy.md's settings reference names every setting each service reads, and nothing else: an
/// operator looking for a setting finds it, and never sets one that is ignored.
/// </summary>
public sealed partial class SettingsReferenceTests
{
    private static readonly IReadOnlyDictionary<string, string> Headings = new Dictionary<string, string>
    {
        ["identity"] = "### Identity",
        ["api"] = "### API",
        ["app"] = "### App host",
    };

    public static TheoryData<string> Images => [.. Deployable.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Images))]
    public void Reference_ListsEverySettingTheServiceReads(string name)
    {
        var deployable = Deployable.Named(name);
        var listed = VariablesListed(name);

        var missing = SettingsNames.All(deployable.Assembly).Where(variable => !listed.Contains(variable)).ToList();
        Assert.True(missing.Count == 0, $"docs/deploy.md, {Headings[name]}, does not list: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Reference_NamesOnlySettingsTheServiceReads(string name)
    {
        var settings = SettingsNames.All(Deployable.Named(name).Assembly).ToHashSet();

        var unknown = VariablesListed(name).Where(variable => !settings.Contains(variable)).ToList();
        Assert.True(unknown.Count == 0, $"docs/deploy.md, {Headings[name]}, lists what the service does not read: {string.Join(", ", unknown)}");
    }

    /// <summary>The <c>Section__Key</c> names in the first column of the table under the service's heading.</summary>
    private static HashSet<string> VariablesListed(string name)
    {
        var text = RepositoryFiles.Read("docs/deploy.md");
        var start = text.IndexOf(Headings[name] + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/deploy.md has no '{Headings[name]}'.");
        var end = text.IndexOf("\n#", start + Headings[name].Length, StringComparison.Ordinal);
        var section = text[start..(end < 0 ? text.Length : end)];
        return [.. section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Variable().Matches(line.Split('|')[1])).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"`([A-Z][A-Za-z]+__[A-Za-z][A-Za-z0-9_]*)`")]
    private static partial Regex Variable();
}
