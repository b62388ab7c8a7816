using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Timesheets.Api.Features.Projects;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>The body of <c>POST /timesheets</c> and <c>PUT /timesheets/{id}</c>. Owner, status and source are the server's.</summary>
public sealed record EntryRequest
{
    /// <summary>The day worked, <c>YYYY-MM-DD</c>.</summary>
    [Required]
    public DateOnly? Date { get; init; }

    /// <summary>The name of an active project.</summary>
    [Required]
    [StringLength(ProjectConfiguration.NameLength)]
    public string? Project { get; init; }

    /// <summary>Hours worked: more than 0, at most 24, two decimals at most.</summary>
    [Required]
    [Range(0.01, EntryRules.MaxHoursPerDay)]
    public decimal? Hours { get; init; }

    [StringLength(TimesheetEntryConfiguration.NotesLength)]
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

internal static class EntryMapping
{
    /// <summary>
    /// The response built in the query itself: only the columns it needs are read, with no entity
    /// materialised or tracked and no join beyond the project name. The helper calls run on the
    /// read values (client side of the final projection), so both providers give the same text.
    /// </summary>
    public static readonly Expression<Func<TimesheetEntry, EntryResponse>> Projection = e => new EntryResponse
    {
        Id = e.Id,
        UserId = e.OwnerEmail,
        UserSub = e.OwnerSub,
        Date = e.Date,
        Project = e.Project!.Name,
        ProjectId = e.ProjectId,
        Hours = HoursOf(e.Centihours),
        Notes = e.Notes,
        Status = StatusText(e.Status),
        Approved = e.Status == EntryStatus.Approved,
        ReviewedBy = e.ReviewedBy,
        ReviewedAt = UtcOrNull(e.ReviewedAt),
        RejectionReason = e.RejectionReason,
        Source = SourceText(e.Source),
        ExternalId = e.ExternalId,
        CreatedAt = Utc(e.CreatedAt),
        UpdatedAt = Utc(e.UpdatedAt),
        Etag = ETagOf(e.Version),
    };

    /// <summary>The response of an entry; <paramref name="projectName"/> when its <c>Project</c> is not loaded.</summary>
    public static EntryResponse ToResponse(this TimesheetEntry e, string? projectName = null) => new()
    {
        Id = e.Id,
        UserId = e.OwnerEmail,
        UserSub = e.OwnerSub,
        Date = e.Date,
        Project = projectName ?? e.Project?.Name ?? "",
        ProjectId = e.ProjectId,
        Hours = HoursOf(e.Centihours),
        Notes = e.Notes,
        Status = StatusText(e.Status),
        Approved = e.Status == EntryStatus.Approved,
        ReviewedBy = e.ReviewedBy,
        ReviewedAt = UtcOrNull(e.ReviewedAt),
        RejectionReason = e.RejectionReason,
        Source = SourceText(e.Source),
        ExternalId = e.ExternalId,
        CreatedAt = Utc(e.CreatedAt),
        UpdatedAt = Utc(e.UpdatedAt),
        Etag = e.ETag,
    };

    // SQLite returns DateTime of unspecified kind; every stored time is UTC.
    public static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    public static DateTimeOffset? UtcOrNull(DateTime? at) => at is { } value ? Utc(value) : null;

    public static decimal HoursOf(int centihours) => centihours / 100m;

    public static string StatusText(EntryStatus status) => status switch
    {
        EntryStatus.Pending => "pending",
        EntryStatus.Approved => "approved",
        _ => "rejected",
    };

    public static string SourceText(EntrySource source) => source == EntrySource.Batch ? "batch" : "app";

    public static string ETagOf(int version) => $"\"{version}\"";
}
