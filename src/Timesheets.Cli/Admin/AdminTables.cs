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

    /// <summary>"Showing 51–100 of 230 users; next page: --page 2" under a paged list (pages count from 0, as the API's).</summary>
    public static void PageLine(IAnsiConsole console, int start, int length, int limit, int total, string what)
    {
        var shown = length == 0 ? $"Showing 0 of {total} {what}" : $"Showing {start + 1}–{start + length} of {total} {what}";
        var next = limit > 0 && start + length < total ? $"; next page: --page {(start / limit) + 1}" : "";
        console.WriteLine(shown + next);
    }
}
