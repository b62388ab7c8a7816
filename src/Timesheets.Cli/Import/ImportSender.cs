using System.Text;
using Timesheets.Cli.Shared;
using Timesheets.Client;

namespace Timesheets.Cli.Import;

/// <summary>
/// The second pass: the file's rows in batches, each one upload (all or nothing at the server). A
/// refused batch stops the import with its rows' file line numbers; the batches before it stay stored.
/// </summary>
internal sealed class ImportSender(TimesheetsClient api, int batchSize)
{
    private long _rows;
    private long _created;
    private long _skipped;

    /// <summary>Why the import stopped, when the server refused.</summary>
    public ApiProblem? Problem { get; private set; }

    public async Task<ImportSummary> RunAsync(ImportFile file, Action<long> progress, CancellationToken cancellationToken)
    {
        var batch = new List<ImportRow>(batchSize);
        await foreach (var row in file.ReadAsync(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == batchSize && !await SendAsync(batch, progress, cancellationToken))
            {
                return Refused(batch);
            }
        }

        if (batch.Count > 0 && !await SendAsync(batch, progress, cancellationToken))
        {
            return Refused(batch);
        }

        return new ImportSummary(_rows, _created, _skipped, 0, []);
    }

    private async Task<bool> SendAsync(List<ImportRow> batch, Action<long> progress, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder(ImportRow.UploadHeader).Append('\n');
        foreach (var row in batch)
        {
            csv.Append(row.ToCsv()).Append('\n');
        }

        using var body = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var result = await api.UploadCsvAsync(body, cancellationToken);
        if (result.Value is not { } stored)
        {
            Problem = result.Problem;
            return false;
        }

        _rows += batch.Count;
        _created += stored.Created;
        _skipped += stored.Skipped;
        batch.Clear();
        progress(_rows);
        return true;
    }

    /// <summary>The server's row numbers (1 = the batch's first data row) turned into the file's line numbers.</summary>
    private ImportSummary Refused(List<ImportRow> batch)
    {
        var errors = Problem!.RowErrors.Select(e => new ImportRowError(e.Row >= 1 && e.Row <= batch.Count ? batch[e.Row - 1].Line : 0, e.Field, e.Message)).ToList();
        return new ImportSummary(_rows, _created, _skipped, Math.Max(Problem.RowErrorCount, errors.Count), errors);
    }
}
