namespace Timesheets.ServiceDefaults;

/// <summary>
/// SQLite files readable by their owner only (0600, folder 0700 when created here): the Identity
/// database holds password hashes and sealed keys, the API's personal data. SQLite gives a new file
/// 0644 under the usual umask, and gives its -wal, -shm and -journal files the mode of the database
/// file, so the database file is created (empty, which SQLite takes as a new database) with 0600 before
/// EF opens it, and files left by an older version are narrowed to 0600.
/// </summary>
public static class SqliteFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersBits = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static void PrepareOwnerOnly(string dataSource)
    {
        var path = Path.GetFullPath(dataSource);
        var directory = Path.GetDirectoryName(path);
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            return;
        }

        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already there (an existing database, or another instance created it first).
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & OthersBits) != 0)
            {
                try
                {
                    File.SetUnixFileMode(file, File.GetUnixFileMode(file) & ~OthersBits);
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new InvalidOperationException($"The SQLite file {file} can be read by other users and its mode cannot be narrowed to 0600 by this user: chmod 600 it (or run as its owner).", e);
                }
            }
        }
    }
}
