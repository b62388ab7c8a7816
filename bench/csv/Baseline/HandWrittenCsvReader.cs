using System.Text;

namespace CsvBench.Baseline;

/// <summary>
/// RFC 4180 records from a stream, one at a time (quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF, LF or CR), so a 100,000-row upload is never held in memory whole. The text is read in
/// blocks and parsed character by character: a record is refused as soon as it passes
/// 20,000 characters, without reading the rest of it (an endless
/// line in a body of hundreds of megabytes is refused after about 20 KB of it).
/// </summary>
/// <remarks>The hand-written reader the API used before Sylvan.Data.Csv, kept here only to compare against.</remarks>
internal sealed class HandWrittenCsvReader(TextReader reader)
{
    private readonly char[] _buffer = new char[8192];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private int _line = 1;
    private bool _afterCr;

    /// <summary>The next record, or null at the end. Blank lines are skipped.</summary>
    public async Task<List<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        List<string>? record = null;
        var startLine = 0;
        var length = 0;
        var quoted = false;
        var closedQuote = false; // the last character closed a quoted part: a quote next is a doubled quote
        _field.Clear();
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer, cancellationToken);
                _position = 0;
                if (_length == 0)
                {
                    if (quoted)
                    {
                        throw new FormatException($"The quoted CSV field of the record on line {startLine} is not closed.");
                    }

                    record?.Add(_field.ToString());
                    return record;
                }
            }

            var c = _buffer[_position++];
            if (c is '\r' or '\n')
            {
                var crlf = c == '\n' && _afterCr;
                _afterCr = c == '\r';
                if (crlf)
                {
                    continue;
                }

                _line++;
                if (record is null)
                {
                    continue; // a blank line
                }

                if (!quoted)
                {
                    record.Add(_field.ToString());
                    return record;
                }

                c = '\n'; // a line break inside quotes belongs to the field, as LF
            }
            else
            {
                _afterCr = false;
            }

            if (record is null)
            {
                record = [];
                startLine = _line;
            }

            if (++length > 20_000)
            {
                throw new FormatException(
                    $"The CSV record on line {startLine} is longer than {20_000} characters; nothing was stored.");
            }

            if (closedQuote)
            {
                closedQuote = false;
                if (c == '"')
                {
                    _field.Append('"');
                    quoted = true;
                    continue;
                }
            }

            if (quoted)
            {
                if (c == '"')
                {
                    quoted = false;
                    closedQuote = true;
                }
                else
                {
                    _field.Append(c);
                }
            }
            else if (c == '"' && _field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(_field.ToString());
                _field.Clear();
            }
            else
            {
                _field.Append(c);
            }
        }
    }
}
