using System.Text;

namespace Timesheets.Client.Storage;

/// <summary>
/// Files only their owner can read (0600) in folders only their owner can open (0700), written
/// atomically: tokens, unsent hours and local copies of entries are as private as a password. A
/// write goes to a temporary file created owner-only, reaches the disk, and is renamed over the old
/// one, so a reader or a crash sees the old content or the new, never a mix.
/// </summary>
public static class OwnerOnlyFiles
{
    internal const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    internal const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder owner-only, and tightens one that existed before (made by hand or by another tool).</summary>
    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerFolder);
        if ((File.GetUnixFileMode(path) & ~OwnerFolder) != 0)
        {
            File.SetUnixFileMode(path, OwnerFolder);
        }
    }

    /// <summary>Options that create a file owner-only from its first byte.</summary>
    public static FileStreamOptions CreateOptions(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        return options;
    }

    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        EnsureFolder(Path.GetDirectoryName(full) ?? ".");
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, CreateOptions(FileMode.CreateNew, FileAccess.Write)))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken);
                // On disk before the rename, or a power cut could leave an empty file under the real name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The file's text, or null when there is no such file.</summary>
    public static async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
