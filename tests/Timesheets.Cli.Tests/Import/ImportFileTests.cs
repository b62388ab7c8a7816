using System.Text;
using Timesheets.Cli.Import;

namespace Timesheets.Cli.Tests.Import;

/// <summary>
/// How <c>timesheets import</c> reads a file: RFC 4180 through the API's own reader, each row with the
/// file line it starts on (what the CLI's and the server's per-row errors name), and a malformed file
/// refused before anything is sent, naming the file and the line.
/// </summary>
public sealed class ImportFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ts-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<ImportFile> FileAsync(string text, bool bom = false)
    {
        var path = Path.Combine(_folder, "hours.csv");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(bom));
        return new ImportFile(path);
    }

    private static async Task<List<ImportRow>> RowsAsync(ImportFile file)
    {
        var rows = new List<ImportRow>();
        await foreach (var row in file.ReadAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task Read_Rfc4180File_FieldsUnescaped_LinesWhereEachRecordStarts()
    {
        // A BOM and CRLF; a header in another order and case; quoted commas, doubled quotes and a CRLF
        // inside quotes (lines 3-4: one record); a blank line (5); a last record without a line break.
        var file = await FileAsync(
            " Project ,USER_ID,date,hours,notes,external_id\r\n"
            + "Internal,a@exampleco.com,2026-11-02,1.5,\"Notes, with \"\"quotes\"\"\",x-1\r\n"
            + "\"Mobile App\",b@exampleco.com,2026-11-03,2,\"first line\r\nsecond line\",x-2\r\n"
            + "\r\n"
            + "Internal,c@exampleco.com,2026-11-04,3,,x-3",
            bom: true);

        var rows = await RowsAsync(file);

        Assert.Equal([2L, 3L, 6L], rows.Select(r => r.Line));
        Assert.Equal(["a@exampleco.com", "b@exampleco.com", "c@exampleco.com"], rows.Select(r => r.UserId));
        Assert.Equal("Notes, with \"quotes\"", rows[0].Notes);
        Assert.Equal("Mobile App", rows[1].Project);
        Assert.Equal("first line\nsecond line", rows[1].Notes);
        Assert.Equal(["x-1", "x-2", "x-3"], rows.Select(r => r.ExternalId));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        // An unclosed quote on line 4, after a two-line record and a blank line.
        { "user_id,date,project,hours,notes\na@exampleco.com,2026-11-02,Internal,1,\"two\nlines\"\n\na@exampleco.com,2026-11-02,\"Internal,1,x\n", "line 5" },
        // A record longer than the upload accepts (20,000 characters), on line 3.
        { "user_id,date,project,hours,notes\na@exampleco.com,2026-11-02,Internal,1,ok\na@exampleco.com,2026-11-02,Internal,1," + new string('n', 25_000) + "\n", "line 3" },
        // Text after a closing quote, on line 2.
        { "user_id,date,project,hours,notes\na@exampleco.com,2026-11-02,\"Internal\"x,1,\n", "line 2" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Read_MalformedFile_IsRefusedNamingTheFileAndTheLine(string text, string line)
    {
        var file = await FileAsync(text);

        var error = await Assert.ThrowsAsync<FormatException>(() => RowsAsync(file));

        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(line, error.Message, StringComparison.Ordinal);
    }
}
