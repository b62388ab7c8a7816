using System.Globalization;

namespace Timesheets.Cli.Tests.Infrastructure;

/// <summary>Dates and weeks as the CLI's options take them.</summary>
public static class Days
{
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Week(DateOnly monday) =>
        $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";

    public static string Id(this CliResult logged) =>
        logged.Json.GetProperty("entry").GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
}
