namespace Timesheets.Contracts;

/// <summary>
/// CSV fields for files a person opens in a spreadsheet (reports, exports): RFC 4180 quoting, and a
/// text that a spreadsheet would run as a formula (a leading <c>= + - @</c>, tab or carriage return,
/// OWASP "CSV injection") is prefixed with <c>'</c> so it stays text. Not for data sent to the API.
/// </summary>
public static class SpreadsheetCsv
{
    public static string Field(string? value)
    {
        var safe = Defuse(value);
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    /// <summary>The text with <c>'</c> in front when a spreadsheet would run it as a formula; not yet quoted for CSV.</summary>
    public static string Defuse(string? value)
    {
        value ??= "";
        return value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
    }
}
