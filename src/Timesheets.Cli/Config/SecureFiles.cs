namespace Timesheets.Cli.Config;

/// <summary>
/// Files only their owner can read (0600) in folders only their owner can open (0700): the token
/// cache holds refresh tokens, which are as good as a password until they expire.
/// </summary>
internal static class SecureFiles
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerFolder);
        // A folder made before (or by another tool) is tightened too.
        File.SetUnixFileMode(path, OwnerFolder);
    }

    /// <summary>Writes through a temporary file created 0600 and renamed over the target, so a reader never sees half a file.</summary>
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        EnsureFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        await using (var writer = new StreamWriter(temporary, options))
        {
            await writer.WriteAsync(content.AsMemory(), cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static async Task<string?> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
}
