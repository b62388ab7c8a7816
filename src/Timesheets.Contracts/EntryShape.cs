namespace Timesheets.Contracts;

/// <summary>An entry's fields before they are checked: from a form, a JSON body, an upload row or a CSV line.</summary>
public sealed record EntryDraft(DateOnly? Date, string? Project, decimal? Hours, string? Notes);

/// <summary>
/// The messages of the entry rules, as constants so the data annotations on <see cref="EntryRequest"/>
/// (checked by the API before its handler runs) answer exactly what <see cref="EntryShape"/> says.
/// The numbers are those of <see cref="EntryLimits"/>.
/// </summary>
public static class EntryMessages
{
    public const string DateRequired = "The date is required (YYYY-MM-DD).";
    public const string ProjectRequired = "The project is required.";
    public const string ProjectTooLong = "The project name is at most 100 characters.";
    public const string HoursRequired = "The hours are required.";
    public const string HoursOutOfRange = "The hours must be more than 0 and at most 24.";
    public const string NotesTooLong = "The notes are at most 2000 characters.";
}

/// <summary>
/// The entry rules that need no database (PRODUCT.md §3), defined once: the API refuses with these
/// messages and a client shows them before sending. Field names are the JSON (snake_case) ones.
/// </summary>
public static class EntryShape
{
    /// <summary>The errors of <paramref name="draft"/> per field; empty when it may be sent.</summary>
    public static Dictionary<string, string[]> Check(EntryDraft draft, DateOnly today,
        int maxDaysInPast = EntryLimits.DefaultMaxDaysInPast, int maxDaysInFuture = EntryLimits.DefaultMaxDaysInFuture)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string[]>();
        if (draft.Date is not { } date)
        {
            errors["date"] = [EntryMessages.DateRequired];
        }
        else if (date < today.AddDays(-maxDaysInPast) || date > today.AddDays(maxDaysInFuture))
        {
            errors["date"] = [$"The date must be between {today.AddDays(-maxDaysInPast):yyyy-MM-dd} and {today.AddDays(maxDaysInFuture):yyyy-MM-dd}."];
        }

        if (string.IsNullOrWhiteSpace(draft.Project))
        {
            errors["project"] = [EntryMessages.ProjectRequired];
        }
        else if (draft.Project.Length > EntryLimits.ProjectNameLength)
        {
            errors["project"] = [EntryMessages.ProjectTooLong];
        }

        if (HoursError(draft.Hours) is { } hoursError)
        {
            errors["hours"] = [hoursError];
        }

        if (draft.Notes is { Length: > EntryLimits.NotesLength })
        {
            errors["notes"] = [EntryMessages.NotesTooLong];
        }

        return errors;
    }

    /// <summary>Why these hours cannot be one entry, or null.</summary>
    public static string? HoursError(decimal? hours) => hours switch
    {
        null => EntryMessages.HoursRequired,
        // Below 0.01 is out of range rather than "too many decimals", as the [Range] on EntryRequest says.
        < 0.01m or > EntryLimits.MaxHoursPerDay => EntryMessages.HoursOutOfRange,
        { } h when decimal.Round(h, 2) != h => "The hours have at most two decimals.",
        _ => null,
    };

    /// <summary>
    /// The day-total rule seen from a client: the error when <paramref name="hours"/> added to the
    /// hours already logged that day (<paramref name="otherHoursThatDay"/>) pass 24, or null.
    /// </summary>
    public static string? DayTotalError(DateOnly date, decimal otherHoursThatDay, decimal hours)
    {
        // In centihours, as the server counts, so both print "25" and not "25.00".
        var total = ToCentihours(otherHoursThatDay) + ToCentihours(hours);
        return total > EntryLimits.MaxCentihoursPerDay
            ? $"This would make {total / 100m} hours on {date:yyyy-MM-dd}; a day has at most {EntryLimits.MaxHoursPerDay}."
            : null;
    }

    /// <summary>The errors of a rejection reason, or null when it may be sent.</summary>
    public static Dictionary<string, string[]>? ReasonErrors(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? new() { ["reason"] = ["A reason is required to reject an entry."] }
        : reason.Length > EntryLimits.ReasonLength ? new() { ["reason"] = [$"The reason is at most {EntryLimits.ReasonLength} characters."] }
        : null;

    public static int ToCentihours(decimal hours) => (int)(hours * 100);
}
