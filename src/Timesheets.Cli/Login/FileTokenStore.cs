using System.Text.Json;
using Timesheets.Cli.Shared;
using Timesheets.Client.Auth;
using Timesheets.Client.Storage;

namespace Timesheets.Cli.Login;

/// <summary>One user's tokens at one issuer, in a file only its owner can read (0600, folder 0700).</summary>
public sealed class FileTokenStore(string path) : ITokenStore
{
    public string Path { get; } = path;

    public async Task<TokenSet?> LoadAsync(CancellationToken cancellationToken)
    {
        var text = await OwnerOnlyFiles.ReadAsync(Path, cancellationToken);
        try
        {
            return text is null ? null : JsonSerializer.Deserialize(text, CliJson.Default.TokenSet);
        }
        catch (JsonException)
        {
            return null; // a damaged cache is no session: log in again
        }
    }

    public Task SaveAsync(TokenSet tokens, CancellationToken cancellationToken) =>
        OwnerOnlyFiles.WriteAsync(Path, JsonSerializer.Serialize(tokens, CliJson.Default.TokenSet), cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken)
    {
        File.Delete(Path);
        return Task.CompletedTask;
    }
}
