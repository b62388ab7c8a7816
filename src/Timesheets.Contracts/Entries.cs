using System.ComponentModel.DataAnnotations;

namespace Timesheets.Contracts;

/// <summary>
/// The body of <c>POST /timesheets</c> and <c>PUT /timesheets/{id}</c>. Owner, status and source are the server's.
/// The annotations carry <see cref="EntryShape"/>'s messages, so a client checking first shows what the server would answer.
/// </summary>
public sealed record EntryRequest
{
    /// <summary>The day worked, <c>YYYY-MM-DD</c>.</summary>
    [Required(ErrorMessage = EntryMessages.DateRequired)]
    public DateOnly? Date { get; init; }

    /// <summary>The name of an active project.</summary>
    [Required(ErrorMessage = EntryMessages.ProjectRequired)]
    [StringLength(EntryLimits.ProjectNameLength, ErrorMessage = EntryMessages.ProjectTooLong)]
    public string? Project { get; init; }

    /// <summary>Hours worked: more than 0, at most 24, two decimals at most.</summary>
    [Required(ErrorMessage = EntryMessages.HoursRequired)]
    [Range(EntryLimits.MinHours, EntryLimits.MaxHoursPerDay, ErrorMessage = EntryMessages.HoursOutOfRange)]
    public decimal? Hours { get; init; }

    [StringLength(EntryLimits.NotesLength, ErrorMessage = EntryMessages.NotesTooLong)]
    public string? Notes { get; init; }
}

/// <summary>A timesheet entry as clients see it (PRODUCT.md §3).</summary>
public sealed record EntryResponse
{
    public required long Id { get; init; }

    /// <summary>The owner's email, as in the original API.</summary>
    public required string UserId { get; init; }

    public required string? UserSub { get; init; }

    public required DateOnly Date { get; init; }

    public required string Project { get; init; }

    public required long ProjectId { get; init; }

    public required decimal Hours { get; init; }

    public required string? Notes { get; init; }

    /// <summary><c>pending</c>, <c>approved</c> or <c>rejected</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Kept for the original clients: true when <c>status</c> is <c>approved</c>.</summary>
    public required bool Approved { get; init; }

    public required string? ReviewedBy { get; init; }

    public required DateTimeOffset? ReviewedAt { get; init; }

    public required string? RejectionReason { get; init; }

    /// <summary><c>app</c> or <c>batch</c>.</summary>
    public required string Source { get; init; }

    public required string? ExternalId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The entry's version; send it back in <c>If-Match</c> to edit safely.</summary>
    public required string Etag { get; init; }
}
