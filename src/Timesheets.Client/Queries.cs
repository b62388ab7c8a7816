using Timesheets.Contracts;

namespace Timesheets.Client;

/// <summary>Filters of the entry lists (<c>GET /timesheets</c>, <c>GET /approvals</c>); null leaves one out.</summary>
public sealed record EntryQuery
{
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>One of <see cref="EntryStatuses"/>.</summary>
    public string? Status { get; init; }

    public string? Project { get; init; }

    /// <summary>Entries per page; the server's default when null.</summary>
    public int? Limit { get; init; }
}

/// <summary>One page of entries, newest day first; <see cref="Next"/> fetches the following one.</summary>
public sealed record EntryPage(IReadOnlyList<EntryResponse> Items, string? Next);

/// <summary>What <c>GET /reports/summary</c> sums: hours by <c>day</c>, <c>week</c>, <c>project</c> or <c>user</c>.</summary>
public sealed record ReportQuery
{
    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    public string GroupBy { get; init; } = "day";

    /// <summary><c>own</c>, or <c>team</c> with <c>approve:timesheets</c>.</summary>
    public string Scope { get; init; } = "own";

    public string? Status { get; init; }
}
