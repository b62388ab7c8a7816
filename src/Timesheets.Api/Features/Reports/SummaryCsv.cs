using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Timesheets.Api.Features.Reports;

/// <summary>
/// A summary report as CSV for a spreadsheet: written by Sep (RFC 4180 quoting, LF line ends), each
/// key defused by <see cref="SpreadsheetCsv.Defuse"/> first so a spreadsheet never runs it as a formula.
/// </summary>
/// <remarks>Chosen over the hand-written writer it replaced by measurement: docs/benchmarks.md, "CSV reader and writer".</remarks>
internal static class SummaryCsv
{
    private static readonly SepWriterOptions Options = new(new Sep(','))
    {
        Escape = true,
        CultureInfo = CultureInfo.InvariantCulture,
    };

    /// <summary>The report as UTF-8 bytes (no byte order mark): <c>{group_by},hours,entries</c>, then one line per row.</summary>
    public static byte[] Write(string groupBy, IReadOnlyList<SummaryRow> rows)
    {
        using var bytes = new MemoryStream();
        using (var text = new StreamWriter(bytes, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\n" })
        using (var writer = Options.To(text))
        {
            if (rows.Count == 0)
            {
                text.Write($"{groupBy},hours,entries\n");
            }

            foreach (var summary in rows)
            {
                using var row = writer.NewRow();
                row[groupBy].Set(SpreadsheetCsv.Defuse(summary.Key));
                row["hours"].Format(summary.Hours);
                row["entries"].Format(summary.Entries);
            }
        }

        return bytes.ToArray();
    }
}
