using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Timesheets.Cli.Shared;
using Timesheets.Contracts;

namespace Timesheets.Cli.Import;

/// <summary>One data row of the import file, with the file line it starts on and its external id.</summary>
internal sealed record ImportRow(long Line, string UserId, string Date, string Project, string Hours, string Notes, string ExternalId)
{
    public static readonly string[] Required = ["user_id", "date", "project", "hours"];

    public const string UploadHeader = "user_id,date,project,hours,notes,external_id";

    /// <summary>The row as one line of the upload's CSV.</summary>
    public string ToCsv() => string.Join(',', new[] { UserId, Date, Project, Hours, Notes, ExternalId }.Select(Csv.Field));

    /// <summary>
    /// The id that makes a re-run safe. A row's own <c>external_id</c> when it has one; else one derived
    /// from its content and how many identical rows came before it in the file, so the same file gives
    /// the same ids every run, and two identical rows (two real entries) still get two.
    /// </summary>
    public static string DerivedId(string content, int occurrence) =>
        "csv-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content + "\u001f" + occurrence.ToString(CultureInfo.InvariantCulture))))[..40];

    /// <summary>What the server would refuse without looking at its database (EntryShape), by field.</summary>
    public IEnumerable<ImportRowError> Check(DateOnly today)
    {
        if (!UserId.Contains('@', StringComparison.Ordinal))
        {
            yield return new ImportRowError(Line, "user_id", "The user_id is the user's email address.");
        }

        DateOnly? date = DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        decimal? hours = decimal.TryParse(Hours, NumberStyles.Number, CultureInfo.InvariantCulture, out var h) ? h : null;
        if (date is null && Date.Length > 0)
        {
            yield return new ImportRowError(Line, "date", "The date is YYYY-MM-DD.");
        }

        if (hours is null && Hours.Length > 0)
        {
            yield return new ImportRowError(Line, "hours", "The hours are a number such as 7.5.");
        }

        foreach (var (field, messages) in EntryShape.Check(new EntryDraft(date, Project, hours, Notes.Length == 0 ? null : Notes), today))
        {
            if (!(field == "date" && date is null && Date.Length > 0) && !(field == "hours" && hours is null && Hours.Length > 0))
            {
                yield return new ImportRowError(Line, field, messages[0]);
            }
        }
    }
}
