using System.Text;

namespace Timesheets.Api.Features.Upload;

/// <summary>
/// RFC 4180 records from a stream, one at a time (quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF), so a 100,000-row upload is never held in memory whole.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    public const int MaxRecordLength = 20_000;

    /// <summary>The next record, or null at the end. Blank lines are skipped.</summary>
    public async Task<List<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        string? line;
        do
        {
            line = await reader.ReadLineAsync(cancellationToken);
        }
        while (line is { Length: 0 });

        if (line is null)
        {
            return null;
        }

        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i == line.Length)
            {
                if (!quoted)
                {
                    record.Add(field.ToString());
                    return record;
                }

                // A line break inside quotes belongs to the field.
                line = await reader.ReadLineAsync(cancellationToken) ?? throw new FormatException("A quoted CSV field is not closed.");
                field.Append('\n');
                i = 0;
                continue;
            }

            var c = line[i++];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i < line.Length && line[i] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }

            if (field.Length > MaxRecordLength)
            {
                throw new FormatException($"A CSV field is longer than {MaxRecordLength} characters.");
            }
        }
    }
}
