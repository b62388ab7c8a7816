using System.Collections.Concurrent;
using System.Diagnostics;

namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>
/// One instance of a built service as a real process (<c>dotnet &lt;dll&gt; --urls &lt;url&gt;</c>, run from its project
/// folder, with the given environment), on a fixed loopback URL so that a restart comes back where the proxy
/// expects it. Output goes to a log file whose tail is shown when the instance does not get ready.
/// Every process started here is killed when the test process exits, whatever happened to the tests.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Started = new();
    /// <summary>Generous: in CI the other test projects load the same two cores while the instances migrate and start.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly BuiltService _service;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private Process? _process;
    private StreamWriter? _log;

    static ServiceProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Started.Values)
        {
            KillQuietly(process);
        }
    };

    public ServiceProcess(BuiltService service, string name, IReadOnlyDictionary<string, string?> environment)
    {
        _service = service;
        _environment = environment;
        Name = name;
        Url = FreePort.NextUrl();
        LogFile = Path.Combine(Path.GetTempPath(), "timesheets-tests", $"{name}-{Url.Port}.log");
    }

    public string Name { get; }

    /// <summary>Where this instance listens (the same after a restart).</summary>
    public Uri Url { get; }

    /// <summary>Everything the process wrote, across restarts.</summary>
    public string LogFile { get; }

    /// <summary>True from a successful start until a kill or stop.</summary>
    public bool IsUp { get; private set; }

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Starts the process and waits until its ready probe answers 200.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"{Name} is running already.");
        }

        Release();
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _service.ProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(_service.Dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(Url.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var log = _log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"--- start {DateTime.UtcNow:O}");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => Started.TryRemove(process.Id, out Process? _);
        process.Start();
        Started[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitReadyAsync(process, cancellationToken);
        IsUp = true;
    }

    /// <summary><c>kill -9</c>: no drain, no shutdown hooks, as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        IsUp = false;
        if (_process is { } process)
        {
            KillQuietly(process);
            await process.WaitForExitAsync();
            Release();
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod: the host drains in-flight requests and exits (killed after <paramref name="grace"/>).</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        IsUp = false;
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await process.WaitForExitAsync(); // and the last of its output
            Release();
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>Closes the handles of an exited process and its log.</summary>
    private void Release()
    {
        if (_process is { HasExited: true } process)
        {
            process.Dispose();
            _process = null;
        }

        if (_log is { } log)
        {
            lock (log)
            {
                log.Dispose();
            }

            _log = null;
        }
    }

    /// <summary>Stops (SIGTERM) and starts again on the same URL.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task WaitReadyAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.Add(StartTimeout);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} while starting:\n{Tail()}");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(Url, _service.ReadyPath), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // slow to answer while it starts
            }

            await Task.Delay(100, cancellationToken);
        }

        KillQuietly(process);
        throw new TimeoutException($"{Name} was not ready within {StartTimeout.TotalSeconds} s:\n{Tail()}");
    }

    /// <summary>The last lines the process wrote.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // a line after the log was closed (the process exited on its own and was started again)
            }
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited already
        }
    }
}
