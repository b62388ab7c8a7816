using System.Globalization;

namespace Timesheets.Identity.Management.Logs;

/// <summary>
/// The filters of a log search, as query parameters (<c>q</c>, <c>type</c>, <c>user_id</c>, <c>from</c>,
/// <c>to</c>, <c>page</c>, <c>per_page</c>, <c>include_totals</c>). <c>q</c> takes Auth0's simple form:
/// <c>type:f user_id:abc</c> terms (also <c>client_id</c>, <c>ip</c>, <c>target_id</c>); any other word is
/// text searched in the description and the actor's name. Dates are ISO 8601; a bare date in <c>to</c>
/// includes that whole day.
/// </summary>
internal sealed record LogFilter(string? Q = null, string? Type = null, string? UserId = null, string? From = null, string? To = null,
    int? Page = null, int? PerPage = null, bool IncludeTotals = false)
{
    private static readonly string[] Fields = ["type", "user_id", "client_id", "ip", "target_id"];

    public long? FromMilliseconds => Instant(From, endOfDay: false);

    public long? ToMilliseconds => Instant(To, endOfDay: true);

    public AdminError? Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (PerPage is < 1 or > LogQuery.MaxPerPage)
        {
            errors["per_page"] = [$"per_page must be between 1 and {LogQuery.MaxPerPage}."];
        }

        if (Page is < 0 or > 100_000)
        {
            errors["page"] = ["page must be between 0 and 100000 (the first page is 0)."];
        }

        foreach (var (name, value) in new[] { ("from", From), ("to", To) })
        {
            if (!string.IsNullOrEmpty(value) && !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                errors[name] = [$"{name} must be an ISO 8601 date or time, e.g. 2026-12-01 or 2026-12-01T08:00:00Z."];
            }
        }

        if ((Q?.Length ?? 0) > 500)
        {
            errors["q"] = ["q is longer than 500 characters."];
        }

        return errors.Count == 0 ? null : AdminError.Invalid(errors);
    }

    /// <summary>The (field, value) terms to filter by; field "" is free text.</summary>
    public IEnumerable<(string Field, string Value)> Terms()
    {
        foreach (var word in (Q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = word.IndexOf(':', StringComparison.Ordinal);
            var field = colon > 0 ? word[..colon] : "";
            yield return Fields.Contains(field) ? (field, word[(colon + 1)..].Trim('"')) : ("", word.Trim('"'));
        }

        foreach (var (field, value) in new[] { ("type", Type), ("user_id", UserId) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                yield return (field, value.Trim());
            }
        }
    }

    private static long? Instant(string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value) ||
            !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return null;
        }

        var dateOnly = value.Trim().Length == 10;
        return (endOfDay && dateOnly ? at.AddDays(1) : at).ToUnixTimeMilliseconds();
    }
}
