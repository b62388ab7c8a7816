namespace Timesheets.Cli.Shared;

/// <summary>
/// RFC 4180 fields for what the import sends to the API. Files are read by the API's reader
/// (<c>Timesheets.Api.Features.Upload.CsvRecordReader</c>, linked into this project); exports use
/// <see cref="Contracts.SpreadsheetCsv"/>, which also defuses formulas.
/// </summary>
internal static class Csv
{
    /// <summary>A field as RFC 4180 writes it, unchanged otherwise.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
