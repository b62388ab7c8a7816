using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Timesheets.Testing;

/// <summary>
/// The SQL one request sends to a PostgreSQL database, from Npgsql's own trace: one activity per command or
/// batch (one round trip each; a commit or rollback, one more, is not traced). Only commands inside a request
/// (an ASP.NET Core activity) count, so background work is left out; opening a physical connection is traced
/// too, without SQL, and is left out as well.
/// </summary>
public sealed class DatabaseCommandTrace : IDisposable
{
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly ActivityListener _listener;

    public DatabaseCommandTrace(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.Parent is not null &&
                    (activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name")) as string == database &&
                    (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql)
                {
                    _commands.Enqueue(sql);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The commands traced so far, in order.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    /// <summary>The first line of each command, for an assertion's message.</summary>
    public string Summary => $"{_commands.Count} commands:\n" + string.Join("\n", _commands.Select(c => c.Split('\n')[0]));

    public void Dispose() => _listener.Dispose();
}
