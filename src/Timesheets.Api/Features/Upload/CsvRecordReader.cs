using Sylvan.Data.Csv;

namespace Timesheets.Api.Features.Upload;

/// <summary>
/// RFC 4180 records from a stream, one at a time, read by Sylvan.Data.Csv (quoted fields, doubled
/// quotes, line breaks inside quotes, CRLF, LF or CR), so a 100,000-row upload is never held in memory
/// whole. Sylvan's buffer is fixed at a little more than <see cref="UploadRowLimits.MaxRowLength"/>
/// characters and never grows, so an endless line in a body of hundreds of megabytes is refused after
/// about 20 KB of it. What this class adds: the line each record starts on (a quoted field that spans
/// lines moves the count on by its line breaks), blank lines skipped, line breaks inside quotes stored as
/// LF, the exact row bound, and every format problem as a <see cref="FormatException"/> naming the line.
/// </summary>
/// <remarks>Chosen over the hand-written reader it replaced by measurement: docs/benchmarks.md, "CSV reader and writer".</remarks>
internal sealed class CsvRecordReader : IAsyncDisposable
{
    private static readonly CsvDataReaderOptions Options = new()
    {
        HasHeaders = false, // the upload reads and matches the header itself (trimmed, any case, duplicates allowed)
        Delimiter = ',', // never guessed from the first line
        Quote = '"',
        Escape = '"',
        // Room for the record's own line break; a longer record is refused below with the exact bound.
        BufferSize = UploadRowLimits.MaxRowLength + 16,
        MaxBufferSize = null,
    };

    private readonly CsvDataReader _csv;
    private int _nextLine = 1;

    private CsvRecordReader(CsvDataReader csv) => _csv = csv;

    /// <summary>The line of the body the current record starts on (1-based).</summary>
    public int Line { get; private set; }

    /// <summary>Fields in the current record.</summary>
    public int FieldCount => _csv.RowFieldCount;

    public static async Task<CsvRecordReader> OpenAsync(TextReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return new CsvRecordReader(await CsvDataReader.CreateAsync(reader, Options, cancellationToken));
        }
        catch (CsvFormatException ex)
        {
            throw Problem(ex, 1);
        }
    }

    /// <summary>Moves to the next record; false at the end. Blank lines are skipped.</summary>
    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (!await _csv.ReadAsync(cancellationToken))
                {
                    return false;
                }
            }
            catch (CsvFormatException ex)
            {
                throw Problem(ex, _nextLine);
            }

            var raw = _csv.GetRawRecordSpan();
            var breaks = LineBreaks(raw, out var terminator);
            Line = _nextLine;
            _nextLine += breaks;
            if (raw.Length - terminator > UploadRowLimits.MaxRowLength)
            {
                throw TooLong(Line);
            }

            if (raw.Length > terminator)
            {
                return true; // not a blank line
            }
        }
    }

    /// <summary>Field <paramref name="index"/> of the current record, unescaped; a line break inside quotes is LF.</summary>
    public string Field(int index)
    {
        var text = _csv.GetString(index);
        return text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    /// <summary>Line breaks in a raw record (CRLF counts once), and the length of the one that ends it.</summary>
    private static int LineBreaks(ReadOnlySpan<char> raw, out int terminator)
    {
        terminator = raw.EndsWith("\r\n") ? 2 : raw.Length > 0 && raw[^1] is '\r' or '\n' ? 1 : 0;
        var breaks = raw.Count('\n'); // vectorised; a CR is looked at only when there is one
        if (raw.Contains('\r'))
        {
            for (var i = 0; i < raw.Length; i++)
            {
                breaks += raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n') ? 1 : 0;
            }
        }

        return breaks;
    }

    private static FormatException TooLong(int line) =>
        new($"The CSV record on line {line} is longer than {UploadRowLimits.MaxRowLength} characters; nothing was stored.");

    private static FormatException Problem(CsvFormatException ex, int line) => ex is CsvRecordTooLargeException
        ? TooLong(line)
        : new FormatException($"The CSV record on line {line} is not valid RFC 4180: {ex.Message}", ex);
}
