using System.Globalization;
using Spectre.Console;
using Timesheets.Contracts;

namespace Timesheets.Cli.Shared;

/// <summary>Entries as a table, the way <c>list</c> and <c>approvals</c> show them.</summary>
internal static class EntryTable
{
    public static Table Create(IEnumerable<EntryResponse> entries, bool withOwner, string? title = null)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(title);
        }

        table.AddColumn("ID", c => c.RightAligned());
        if (withOwner)
        {
            table.AddColumn("User");
        }

        table.AddColumns("Date", "Project");
        table.AddColumn("Hours", c => c.RightAligned());
        table.AddColumns("Status", "Notes");
        foreach (var entry in entries.OrderBy(e => e.Date).ThenBy(e => e.Id))
        {
            var cells = new List<string> { entry.Id.ToString(CultureInfo.InvariantCulture) };
            if (withOwner)
            {
                cells.Add(Markup.Escape(entry.UserId));
            }

            cells.Add(entry.Date.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture));
            cells.Add(Markup.Escape(entry.Project));
            cells.Add(Hours(entry.Hours));
            cells.Add(Status(entry));
            cells.Add(Markup.Escape(entry.Notes ?? ""));
            table.AddRow([.. cells]);
        }

        return table;
    }

    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Status(EntryResponse entry) => entry.Status switch
    {
        EntryStatuses.Approved => "[green]approved[/]",
        EntryStatuses.Rejected => $"[red]rejected[/]{(entry.RejectionReason is { } reason ? ": " + Markup.Escape(reason) : "")}",
        _ => "[yellow]pending[/]",
    };
}
