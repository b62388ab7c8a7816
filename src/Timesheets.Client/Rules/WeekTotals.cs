using System.Globalization;
using Timesheets.Contracts;

namespace Timesheets.Client.Rules;

/// <summary>One ISO week (Monday first) of a person's entries: the total and the hours of each day.</summary>
public sealed record WeekTotal(DateOnly Monday, decimal Hours, IReadOnlyList<decimal> HoursPerDay)
{
    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The ISO 8601 week name, e.g. <c>2026-W49</c>.</summary>
    public string Name => $"{ISOWeek.GetYear(Monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(Monday.ToDateTime(TimeOnly.MinValue)):00}";
}

/// <summary>Weekly and daily totals, and the client-side checks that need the entries already logged.</summary>
public static class WeekTotals
{
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The Monday of an ISO week name (<c>2026-W49</c>), or null when it is not one.</summary>
    public static DateOnly? ParseWeek(string week)
    {
        var parts = (week ?? "").Split("-W", StringSplitOptions.None);
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var number)
            && year is >= 1 and <= 9998 && number >= 1 && number <= ISOWeek.GetWeeksInYear(year)
            ? DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday))
            : null;
    }

    /// <summary>The weeks the entries fall in, newest first, each with its total and its seven day totals.</summary>
    public static IReadOnlyList<WeekTotal> ByWeek(IEnumerable<EntryResponse> entries) =>
        entries.GroupBy(e => MondayOf(e.Date)).OrderByDescending(g => g.Key)
            .Select(week =>
            {
                var days = new decimal[7];
                foreach (var entry in week)
                {
                    days[entry.Date.DayNumber - week.Key.DayNumber] += entry.Hours;
                }

                return new WeekTotal(week.Key, days.Sum(), days);
            })
            .ToList();

    /// <summary>Hours already logged on <paramref name="date"/>, leaving out the entry being edited.</summary>
    public static decimal HoursOn(IEnumerable<EntryResponse> entries, DateOnly date, long? exceptId = null) =>
        entries.Where(e => e.Date == date && e.Id != exceptId).Sum(e => e.Hours);

    /// <summary>
    /// The shared entry rules plus the day total against the entries the client knows of; the server
    /// checks again (it knows entries this client may not have seen yet).
    /// </summary>
    public static Dictionary<string, string[]> Check(EntryDraft draft, DateOnly today, IEnumerable<EntryResponse> known, long? editingId = null)
    {
        var errors = EntryShape.Check(draft, today);
        if (errors.Count == 0 && draft is { Date: { } date, Hours: { } hours }
            && EntryShape.DayTotalError(date, HoursOn(known, date, editingId), hours) is { } dayError)
        {
            errors["hours"] = [dayError];
        }

        return errors;
    }
}
