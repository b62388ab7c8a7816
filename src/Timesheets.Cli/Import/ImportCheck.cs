using Timesheets.Cli.Shared;

namespace Timesheets.Cli.Import;

/// <summary>
/// The first pass over the file: counts its rows (the progress bar's total) and checks each against
/// the shared rules, so a file with a bad row sends nothing rather than half of itself.
/// </summary>
internal sealed record ImportCheck(long Rows, long ErrorCount, IReadOnlyList<ImportRowError> Errors)
{
    private const int KeptErrors = 1000;

    public static async Task<ImportCheck> RunAsync(ImportFile file, DateOnly today, CancellationToken cancellationToken)
    {
        long rows = 0, count = 0;
        var errors = new List<ImportRowError>();
        await foreach (var row in file.ReadAsync(cancellationToken))
        {
            rows++;
            foreach (var error in row.Check(today))
            {
                count++;
                if (errors.Count < KeptErrors)
                {
                    errors.Add(error);
                }
            }
        }

        return new ImportCheck(rows, count, errors);
    }
}
