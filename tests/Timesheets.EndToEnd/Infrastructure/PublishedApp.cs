using System.Diagnostics;

namespace Timesheets.EndToEnd.Infrastructure;

/// <summary>
/// The app as users get it: <c>dotnet publish</c> (trimmed, compressed) into artifacts/e2e-app, once
/// per test run. <c>TIMESHEETS_APP_PUBLISHED</c> names a folder already published (its wwwroot) instead.
/// </summary>
internal static class PublishedApp
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _root;

    public static async Task<string> RootAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("TIMESHEETS_APP_PUBLISHED") is { Length: > 0 } given)
        {
            return given;
        }

        await Once.WaitAsync(cancellationToken);
        try
        {
            return _root ??= await PublishAsync(cancellationToken);
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<string> PublishAsync(CancellationToken cancellationToken)
    {
        var output = Path.Combine(Repository.Root, "artifacts", "e2e-app");
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(Repository.Root, "src", "Timesheets.App"), "-c", "Release",
            "-o", output, "-nologo", "-v", "quiet", "-clp:ErrorsOnly"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the app failed:\n{await stdout}\n{await stderr}");
        }

        return Path.Combine(output, "wwwroot");
    }
}
