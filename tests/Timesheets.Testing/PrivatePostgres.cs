using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Timesheets.Testing;

/// <summary>
/// A PostgreSQL server of a test's own, started with <c>scripts/postgres.sh</c> on a free port and
/// a temporary folder, that the test may stop (<see cref="HaltAsync"/>: an outage, data kept) and
/// start again (<see cref="ResumeAsync"/>) without disturbing the server every other test shares.
/// Disposing it stops it and deletes its folder.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _bin;

    private PrivatePostgres(int port, string dir, string bin)
    {
        Port = port;
        _dir = dir;
        _bin = bin;
    }

    public int Port { get; }

    /// <summary>Superuser connection string, as <c>TIMESHEETS_TEST_POSTGRES</c> is for the shared server.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Maximum Pool Size=20";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var port = FreePort();
        var output = await ScriptAsync($"PG_PORT={port} pg_start >&2 && echo \"$PG_DIR\" && echo \"$PG_BIN\"");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new PrivatePostgres(port, lines[^2], lines[^1]);
    }

    /// <summary>A fresh, empty database on this server.</summary>
    public Task<TestDatabase> CreateDatabaseAsync(string name) => TestDatabase.PostgresAsync(name, AdminConnectionString);

    /// <summary>Stops the server (fast shutdown: sessions are cut, as in a restart or fail-over); the data stays.</summary>
    public Task HaltAsync() => ScriptAsync($"{Variables} pg_halt");

    public Task ResumeAsync() => ScriptAsync($"{Variables} pg_resume");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ScriptAsync($"{Variables} pg_stop");
    }

    private string Variables => $"PG_DIR='{_dir}' PG_BIN='{_bin}' PG_PORT={Port}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> ScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"source '{Script}' && {command}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh: '{command}' failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    /// <summary>The repository's script, found upwards from the test's output folder.</summary>
    private static string Script { get; } = FindScript();

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "scripts", "postgres.sh");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException("scripts/postgres.sh was not found above " + AppContext.BaseDirectory);
    }
}
