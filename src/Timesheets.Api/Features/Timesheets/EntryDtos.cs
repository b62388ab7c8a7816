using System.Linq.Expressions;

namespace Timesheets.Api.Features.Timesheets;

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
