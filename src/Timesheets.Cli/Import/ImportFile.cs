using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Timesheets.Api.Features.Upload;

namespace Timesheets.Cli.Import;

/// <summary>
/// The rows of an import file, read as a stream: a header line naming the columns
/// (<c>user_id,date,project,hours</c>, optionally <c>notes</c> and <c>external_id</c>), then one entry a record.
/// </summary>
internal sealed class ImportFile(string path)
{
    public string Path { get; } = path;

    /// <exception cref="FormatException">The file is empty, its header lacks a required column, or a record is not RFC 4180 (the message names its line).</exception>
    public async IAsyncEnumerable<ImportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var csv = await NamingTheFileAsync(CsvRecordReader.OpenAsync(text, cancellationToken));
        // Identical rows seen so far, by a hash of their content: 16 bytes a distinct row, not the row itself.
        var occurrences = new Dictionary<UInt128, int>();
        Dictionary<string, int>? columns = null;
        while (await NamingTheFileAsync(csv.ReadAsync(cancellationToken)))
        {
            if (columns is null)
            {
                columns = Header(csv);
                continue;
            }

            string Get(string column) => columns.TryGetValue(column, out var i) && i < csv.FieldCount ? csv.Field(i).Trim() : "";
            var (user, date, project, hours, notes) = (Get("user_id"), Get("date"), Get("project"), Get("hours"), Get("notes"));
            var externalId = Get("external_id");
            if (externalId.Length == 0)
            {
                var content = string.Join('\u001f', user, date, project, hours, notes);
                var key = BitConverter.ToUInt128(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
                occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
                externalId = ImportRow.DerivedId(content, occurrences[key]);
            }

            yield return new ImportRow(csv.Line, user, date, project, hours, notes, externalId);
        }

        if (columns is null)
        {
            throw new FormatException($"{Path} is empty; its first line names the columns ({ImportRow.UploadHeader}).");
        }
    }

    private Dictionary<string, int> Header(CsvRecordReader csv)
    {
        var columns = Enumerable.Range(0, csv.FieldCount).Select(i => (Name: csv.Field(i).Trim().ToLowerInvariant(), i))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var missing = ImportRow.Required.Where(c => !columns.ContainsKey(c)).ToList();
        return missing.Count == 0 ? columns
            : throw new FormatException($"The first line of {Path} lacks the column(s) {string.Join(", ", missing)}; expected {ImportRow.UploadHeader}.");
    }

    // The reader's messages name the line; the file is named here.
    private async Task<T> NamingTheFileAsync<T>(Task<T> read)
    {
        try
        {
            return await read;
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{Path}: {ex.Message}", ex);
        }
    }
}
