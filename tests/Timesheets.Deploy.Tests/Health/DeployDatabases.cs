using Timesheets.Deploy.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Deploy.Tests.Health;

/// <summary>
/// One PostgreSQL database per service for the whole class (the compose and the Kubernetes runs share
/// it, as both migrate the same schema), and a folder standing in for the app image's published files.
/// </summary>
public sealed class DeployDatabases : IDisposable
{
    private readonly Dictionary<string, Task<TestDatabase>> _databases = [];
    private readonly Lock _lock = new();

    public DeployDatabases()
    {
        AppFiles = Path.Combine(Path.GetTempPath(), "timesheets-tests", $"deploy-app-{Guid.NewGuid():N}");
        Directory.CreateDirectory(AppFiles);
        File.WriteAllText(Path.Combine(AppFiles, "index.html"), "<!DOCTYPE html><html><body><div id=\"app\"></div></body></html>");
    }

    public string AppFiles { get; }

    internal Task<TestDatabase> ForAsync(Deployable deployable)
    {
        lock (_lock)
        {
            if (!_databases.TryGetValue(deployable.Name, out var database))
            {
                database = TestDatabase.PostgresAsync($"deploy_{deployable.Name}");
                _databases[deployable.Name] = database;
            }

            return database;
        }
    }

    public void Dispose() => Directory.Delete(AppFiles, recursive: true);
}
