using Timesheets.Client.Storage;

namespace Timesheets.Client.Offline;

/// <summary>
/// Documents as files <c>NAME.json</c> in one folder, written by <see cref="OwnerOnlyFiles"/>: the
/// queue holds the user's unsent hours and the copy holds their entries.
/// </summary>
public sealed class FileOfflineStore(string directory) : IOfflineStore
{
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>The folder, as an absolute path (stores on the same folder share their locks).</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken) => OwnerOnlyFiles.ReadAsync(PathOf(name), cancellationToken);

    public Task WriteAsync(string name, string content, CancellationToken cancellationToken) =>
        OwnerOnlyFiles.WriteAsync(PathOf(name), content, cancellationToken);

    /// <summary>
    /// Holds <c>NAME.lock</c> exclusively until disposed, waiting while another process holds it. The
    /// operating system lets go when a process dies, so a crashed replay never blocks the next one.
    /// </summary>
    public async Task<IDisposable> LockAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.ChangeExtension(PathOf(name), ".lock");
        OwnerOnlyFiles.EnsureFolder(Directory);
        var options = OwnerOnlyFiles.CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite);

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
