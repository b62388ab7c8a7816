using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Timesheets.Cli.Shared;

namespace Timesheets.Cli.Import;

/// <summary>
/// The rows of an import file, read as a stream: a header line naming the columns
/// (<c>user_id,date,project,hours</c>, optionally <c>notes</c> and <c>external_id</c>), then one entry a record.
/// </summary>
internal sealed class ImportFile(string path)
{
    public string Path { get; } = path;

    /// <exception cref="FormatException">The file is empty or its header lacks a required column.</exception>
    public async IAsyncEnumerable<ImportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        // Identical rows seen so far, by a hash of their content: 16 bytes a distinct row, not the row itself.
        var occurrences = new Dictionary<UInt128, int>();
        Dictionary<string, int>? columns = null;
        await foreach (var record in Csv.ReadAsync(reader, cancellationToken))
        {
            if (columns is null)
            {
                columns = Header(record);
                continue;
            }

            string Get(string column) => columns.TryGetValue(column, out var i) && i < record.Fields.Count ? record.Fields[i].Trim() : "";
            var (user, date, project, hours, notes) = (Get("user_id"), Get("date"), Get("project"), Get("hours"), Get("notes"));
            var externalId = Get("external_id");
            if (externalId.Length == 0)
            {
                var content = string.Join('\u001f', user, date, project, hours, notes);
                var key = BitConverter.ToUInt128(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
                occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
                externalId = ImportRow.DerivedId(content, occurrences[key]);
            }

            yield return new ImportRow(record.Line, user, date, project, hours, notes, externalId);
        }

        if (columns is null)
        {
            throw new FormatException($"{Path} is empty; its first line names the columns ({ImportRow.UploadHeader}).");
        }
    }

    private Dictionary<string, int> Header(CsvRecord record)
    {
        var columns = record.Fields.Select((name, i) => (Name: name.Trim().ToLowerInvariant(), i))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var missing = ImportRow.Required.Where(c => !columns.ContainsKey(c)).ToList();
        return missing.Count == 0 ? columns
            : throw new FormatException($"The first line of {Path} lacks the column(s) {string.Join(", ", missing)}; expected {ImportRow.UploadHeader}.");
    }
}
