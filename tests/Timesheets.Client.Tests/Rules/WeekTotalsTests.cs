using Timesheets.Client.Rules;

namespace Timesheets.Client.Tests.Rules;

public sealed class WeekTotalsTests
{
    private static EntryResponse Entry(long id, DateOnly date, decimal hours) => new()
    {
        Id = id, UserId = "e@exampleco.com", UserSub = "s", Date = date, Project = "Internal", ProjectId = 1, Hours = hours, Notes = null,
        Status = EntryStatuses.Pending, Approved = false, ReviewedBy = null, ReviewedAt = null, RejectionReason = null, Source = "app",
        ExternalId = null, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Etag = "\"1\"",
    };

    [Theory]
    [InlineData("2026-01-01", "2025-12-29", "2026-W01")] // a Thursday: its week began in the old year, and is week 1 of the new
    [InlineData("2026-01-04", "2025-12-29", "2026-W01")] // the Sunday ends that week
    [InlineData("2026-01-05", "2026-01-05", "2026-W02")] // a Monday is its own week's first day
    [InlineData("2027-01-01", "2026-12-28", "2026-W53")] // 2026 has 53 ISO weeks
    [InlineData("2024-12-31", "2024-12-30", "2025-W01")] // the last days of 2024 are in 2025's first week
    public void MondayOf_AnyDay_IsItsIsoWeeksMonday(string day, string monday, string week)
    {
        var total = WeekTotals.ByWeek([Entry(1, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), 1)]).Single();

        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), WeekTotals.MondayOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(week, total.Name);
        Assert.Equal(WeekTotals.MondayOf(total.Monday), WeekTotals.ParseWeek(week));
    }

    [Theory]
    [InlineData("2026-W53", "2026-12-28")]
    [InlineData("2020-W53", "2020-12-28")]
    [InlineData("2025-W01", "2024-12-30")]
    [InlineData("2025-W53", null)] // 2025 has 52 weeks
    [InlineData("2025-W00", null)]
    [InlineData("2025-53", null)]
    [InlineData("", null)]
    public void ParseWeek_Name_IsItsMondayOrNull(string week, string? monday) =>
        Assert.Equal(monday is null ? null : DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), WeekTotals.ParseWeek(week));

    [Fact]
    public void ByWeek_EntriesAcrossASundayMidnight_AreTwoWeeksNewestFirstWithDayTotals()
    {
        var sunday = new DateOnly(2026, 1, 4);
        var entries = new[] { Entry(1, sunday, 2), Entry(2, sunday, 1.5m), Entry(3, sunday.AddDays(1), 8), Entry(4, sunday.AddDays(-6), 4) };

        var weeks = WeekTotals.ByWeek(entries);

        Assert.Equal([new DateOnly(2026, 1, 5), new DateOnly(2025, 12, 29)], weeks.Select(w => w.Monday));
        Assert.Equal([8m, 7.5m], weeks.Select(w => w.Hours));
        Assert.Equal([4m, 0, 0, 0, 0, 0, 3.5m], weeks[1].HoursPerDay);
        Assert.Equal(sunday, weeks[1].Sunday);
    }

    [Fact]
    public void Check_DayTotal_LeavesTheEditedEntryOut()
    {
        var day = new DateOnly(2026, 11, 30);
        var known = new[] { Entry(1, day, 10), Entry(2, day, 8), Entry(3, day.AddDays(1), 20) };
        var today = new DateOnly(2026, 12, 1);

        var editing = WeekTotals.Check(new EntryDraft(day, "Internal", 14, null), today, known, editingId: 2);
        var adding = WeekTotals.Check(new EntryDraft(day, "Internal", 7, null), today, known);

        Assert.Empty(editing);
        Assert.Equal(["This would make 25 hours on 2026-11-30; a day has at most 24."], adding["hours"]);
        Assert.Equal(18, WeekTotals.HoursOn(known, day));
    }
}
