namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>The repository's files, found from the test's output folder up to <c>Timesheets.slnx</c>.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    public static string Root => RootFolder.Value;

    public static string FullPath(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(FullPath(relative));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Timesheets.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Timesheets.slnx above {AppContext.BaseDirectory}.");
    }
}
