using System.Globalization;

namespace Timesheets.App.Ui.Components;

/// <summary>Hours as people write them: 8, 7.5, 0.25 (no trailing zeros).</summary>
public static class Hours
{
    public static string Format(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);
}
