namespace Timesheets.EndToEnd.Infrastructure;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Screenshots of every screen, beside the test results of test.sh.</summary>
    public static string Screenshots => Path.Combine(Root, "artifacts", "test-results", "screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Timesheets.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository (no Timesheets.slnx above " + AppContext.BaseDirectory + ").");
    }
}
