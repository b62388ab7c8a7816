using System.Text;

namespace Timesheets.Client.Offline;

/// <summary>
/// Documents as files <c>NAME.json</c> in one folder. The queue holds the user's unsent hours and
/// the copy holds their entries, so on Unix the folder is the owner's only (0700) and so is every
/// file (0600). A write goes to a temporary file first and is renamed over the old one, so a crash
/// leaves the old document or the new one, never a mix.
/// </summary>
public sealed class FileOfflineStore(string directory) : IOfflineStore
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>The folder, as an absolute path (stores on the same folder share their locks).</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        try
        {
            return await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteAsync(string name, string content, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        EnsureFolder();
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created owner-only, so the content is never readable by others, not even for a moment.
            options.UnixCreateMode = OwnerFile;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken);
                // On disk before the rename, or a power cut could leave an empty file under the real name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Holds <c>NAME.lock</c> exclusively until disposed, waiting while another process holds it. The
    /// operating system lets go when a process dies, so a crashed replay never blocks the next one.
    /// </summary>
    public async Task<IDisposable> LockAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.ChangeExtension(PathOf(name), ".lock");
        EnsureFolder();
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        while (true)
        {
            try
            {
                return new FileStream(path, options);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another process (a second CLI command, the app's background sync).
                await Task.Delay(LockPoll, cancellationToken);
            }
        }
    }

    private void EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }

        System.IO.Directory.CreateDirectory(Directory, OwnerFolder);
        // A folder that existed before (made by hand, or by an older version) is tightened too.
        if ((File.GetUnixFileMode(Directory) & ~OwnerFolder) != 0)
        {
            File.SetUnixFileMode(Directory, OwnerFolder);
        }
    }

    private string PathOf(string name)
    {
        // Names are the library's own ("offline-queue", "entries"); anything else could leave the folder.
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{name}' is not a document name (letters, digits, '-' and '_').", nameof(name));
        }

        return Path.Combine(Directory, name + ".json");
    }
}
