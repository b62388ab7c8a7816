using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timesheets.Api.Features.Projects;

namespace Timesheets.Api.Features.Timesheets;

internal enum EntryStatus
{
    Pending,
    Approved,
    Rejected,
}

internal enum EntrySource
{
    App,
    Batch,
}

/// <summary>One day's hours on one project by one user.</summary>
internal sealed class TimesheetEntry
{
    public long Id { get; set; }

    /// <summary>The owner's <c>sub</c>; null for an uploaded entry until its user first calls the API.</summary>
    public string? OwnerSub { get; set; }

    /// <summary>The owner's email, lower-case (the original API's <c>user_id</c>).</summary>
    public required string OwnerEmail { get; set; }

    public DateOnly Date { get; set; }

    public long ProjectId { get; set; }

    public Project? Project { get; set; }

    /// <summary>Hours × 100: exact two-decimal arithmetic on both providers (SQLite has no decimal type).</summary>
    public int Centihours { get; set; }

    public string? Notes { get; set; }

    public EntryStatus Status { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? RejectionReason { get; set; }

    public EntrySource Source { get; set; }

    public string? ExternalId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Bumped on every change; the ETag and the optimistic concurrency token.</summary>
    public int Version { get; set; }

    public string ETag => EntryMapping.ETagOf(Version);
}

internal sealed class TimesheetEntryConfiguration : IEntityTypeConfiguration<TimesheetEntry>
{
    public const int NotesLength = EntryLimits.NotesLength;
    public const int EmailLength = 320;
    public const int ExternalIdLength = 200;

    public void Configure(EntityTypeBuilder<TimesheetEntry> builder)
    {
        builder.ToTable("Entries");
        builder.Property(e => e.OwnerSub).HasMaxLength(200);
        builder.Property(e => e.OwnerEmail).HasMaxLength(EmailLength);
        builder.Property(e => e.Notes).HasMaxLength(NotesLength);
        builder.Property(e => e.Status).HasMaxLength(16).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<EntryStatus>(s, ignoreCase: true));
        builder.Property(e => e.Source).HasMaxLength(16).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<EntrySource>(s, ignoreCase: true));
        builder.Property(e => e.ReviewedBy).HasMaxLength(EmailLength);
        builder.Property(e => e.RejectionReason).HasMaxLength(1000);
        builder.Property(e => e.ExternalId).HasMaxLength(ExternalIdLength);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.ETag);
        builder.HasOne(e => e.Project).WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.OwnerSub, e.Date, e.Id });
        builder.HasIndex(e => new { e.OwnerEmail, e.Date });
        builder.HasIndex(e => new { e.Status, e.Date });
        builder.HasIndex(e => e.ExternalId).IsUnique();
    }
}
