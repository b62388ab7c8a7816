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
                var task = progress.AddTask("Starting", maxValue: total);
                return await work(done =>
                {
                    task.Value = done;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{total:N0} rows, {Rate(done):N0} rows/s"); // the ETA is a column
                });
            });
    }

    private double Rate(long done) => done / Math.Max(context.Clock.GetElapsedTime(_started).TotalSeconds, 0.001);

    private string Line(long done)
    {
        var rate = Rate(done);
        var eta = TimeSpan.FromSeconds(rate > 0 ? (total - done) / rate : 0);
        return string.Create(CultureInfo.InvariantCulture, $"Imported {done:N0} of {total:N0} rows ({rate:N0} rows/s, ETA {eta:hh\\:mm\\:ss})");
    }
}
