using System.Globalization;
using Spectre.Console;

namespace Timesheets.Cli.Import;

/// <summary>
/// The import's progress: a Spectre progress bar (rows/s, ETA) on a terminal, one plain line per
/// batch when the output is redirected (a log file, CI) or JSON is asked for.
/// </summary>
internal sealed class ImportProgress(CliContext context, long total)
{
    private readonly long _started = context.Clock.GetTimestamp();

    public async Task<T> RunAsync<T>(bool json, Func<Action<long>, Task<T>> work)
    {
        if (json || !context.Interactive)
        {
            return await work(done => (json ? (Action<string>)context.Error.WriteLine : context.Console.WriteLine)(Line(done)));
        }

        return await context.Console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Importing", maxValue: total);
                return await work(done =>
                {
                    task.Value = done;
                    task.Description = Line(done);
                });
            });
    }

    private string Line(long done)
    {
        var elapsed = context.Clock.GetElapsedTime(_started);
        var rate = done / Math.Max(elapsed.TotalSeconds, 0.001);
        var eta = TimeSpan.FromSeconds(rate > 0 ? (total - done) / rate : 0);
        return string.Create(CultureInfo.InvariantCulture, $"Imported {done:N0} of {total:N0} rows ({rate:N0} rows/s, ETA {eta:hh\\:mm\\:ss})");
    }
}
