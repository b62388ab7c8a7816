using System.Text.Json;

namespace Timesheets.Cli.Tests.Infrastructure;

/// <summary>The one token file of a user's config folder, as JSON.</summary>
public static class TokenCache
{
    public static string File(CliUser user) =>
        Assert.Single(Directory.GetFiles(Path.Combine(user.ConfigDirectory, "tokens"), "*.json", SearchOption.AllDirectories));

    public static JsonElement Read(CliUser user) => JsonDocument.Parse(System.IO.File.ReadAllText(File(user))).RootElement;
}
