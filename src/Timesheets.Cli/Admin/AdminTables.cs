using System.Globalization;
using Spectre.Console;

namespace Timesheets.Cli.Admin;

/// <summary>The admin commands' tables: lists with headers, and one thing's fields as name/value rows.</summary>
internal static class AdminTables
{
    /// <summary>A list; every cell is text, escaped (names and emails are whatever people typed).</summary>
    public static Table List(string[] columns, IEnumerable<string?[]> rows)
    {
        var table = new Table().AddColumns(columns);
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => Markup.Escape(cell ?? "-")).ToArray());
        }

        return table;
    }

    /// <summary>One thing's fields, a row each.</summary>
    public static Table Fields(params (string Name, string? Value)[] fields) =>
        List(["", ""], fields.Select(f => new[] { f.Name, f.Value })).HideHeaders();

    public static string When(DateTimeOffset? at) =>
        at is { } time ? time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    public static string YesNo(bool value) => value ? "yes" : "no";

    public static string Joined(IEnumerable<string> values) => string.Join(", ", values) is { Length: > 0 } text ? text : "-";

    /// <summary>"Page 2 of 5 (93 users)" under a paged list, with the option for the next page.</summary>
    public static void PageLine(IAnsiConsole console, int start, int limit, int total, string what)
    {
        var page = limit == 0 ? 0 : start / limit;
        var pages = limit == 0 ? 1 : Math.Max(1, (total + limit - 1) / limit);
        var next = page + 1 < pages ? $"; next: --page {page + 1}" : "";
        console.MarkupLineInterpolated($"Page {page} of {pages - 1} (0-based), {total} {what}{next}");
    }
}
