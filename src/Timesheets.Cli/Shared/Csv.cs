using System.Runtime.CompilerServices;
using System.Text;

namespace Timesheets.Cli.Shared;

/// <summary>One CSV record and the file line it starts on.</summary>
internal sealed record CsvRecord(long Line, IReadOnlyList<string> Fields);

/// <summary>RFC 4180 CSV, read one record at a time from a stream (a quoted field may span lines) and written field by field.</summary>
internal static class Csv
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            var start = ++line;
            // An odd number of quotes so far: the record goes on past this line break, inside a quoted field.
            while (text.Count(c => c == '"') % 2 == 1 && await reader.ReadLineAsync(cancellationToken) is { } more)
            {
                line++;
                text += "\n" + more;
            }

            if (text.Length > 0)
            {
                yield return new CsvRecord(start, Split(text));
            }
        }
    }

    /// <summary>A field as RFC 4180 writes it, unchanged otherwise (the import sends it to the API; exports use <see cref="Contracts.SpreadsheetCsv"/>).</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static List<string> Split(string record)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted && c == '"' && i + 1 < record.Length && record[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
