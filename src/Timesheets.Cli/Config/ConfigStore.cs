using System.Text.Json;
using Timesheets.Cli.Shared;
using Timesheets.Client.Storage;

namespace Timesheets.Cli.Config;

/// <summary>The config folder: <c>config.json</c>, the token cache under <c>tokens/</c>, the offline queue under <c>offline/</c>.</summary>
internal sealed class ConfigStore(string directory)
{
    public const string DefaultIssuer = "http://127.0.0.1:5001/";
    public const string DefaultApi = "http://127.0.0.1:5002/";

    public string Directory { get; } = directory;

    private string FilePath => Path.Combine(Directory, "config.json");

    /// <summary>The folder: the context's, TIMESHEETS_CONFIG_DIR, $XDG_CONFIG_HOME/timesheets, or ~/.config/timesheets.</summary>
    public static ConfigStore For(CliContext context)
    {
        var directory = context.ConfigDirectory
            ?? context.Env("TIMESHEETS_CONFIG_DIR")
            ?? (context.Env("XDG_CONFIG_HOME") is { } xdg ? Path.Combine(xdg, "timesheets") : null)
            ?? Path.Combine(context.Env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "timesheets");
        return new ConfigStore(directory);
    }

    public async Task<CliConfig> LoadAsync(CancellationToken cancellationToken)
    {
        var text = await OwnerOnlyFiles.ReadAsync(FilePath, cancellationToken);
        if (text is null)
        {
            return new CliConfig();
        }

        try
        {
            return JsonSerializer.Deserialize(text, CliJson.Default.CliConfig) ?? new CliConfig();
        }
        catch (JsonException)
        {
            // A damaged file must not lock the user out: start afresh (a login rewrites it).
            return new CliConfig();
        }
    }

    public Task SaveAsync(CliConfig config, CancellationToken cancellationToken) =>
        OwnerOnlyFiles.WriteAsync(FilePath, JsonSerializer.Serialize(config, CliJson.Default.CliConfig), cancellationToken);

    public async Task UpdateAsync(Func<CliConfig, CliConfig> change, CancellationToken cancellationToken) =>
        await SaveAsync(change(await LoadAsync(cancellationToken)), cancellationToken);

    /// <summary>The token file of one user at one issuer: <c>tokens/&lt;issuer&gt;/&lt;sub&gt;.json</c>.</summary>
    public string TokenFile(Uri issuer, string user) => Path.Combine(Directory, "tokens", Slug(issuer.Authority + issuer.AbsolutePath), Slug(user) + ".json");

    /// <summary>The offline queue's folder for one API.</summary>
    public string OfflineFolder(Uri api) => Path.Combine(Directory, "offline", Slug(api.Authority + api.AbsolutePath));

    private static string Slug(string text) =>
        new(text.TrimEnd('/').Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_').ToArray());
}
