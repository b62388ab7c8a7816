using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Timesheets.Api.Features.Audit;

/// <summary>Who did what to which record, and when, with the record before and after as JSON.</summary>
internal sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime At { get; init; }

    public required string ActorSub { get; init; }

    public string? ActorEmail { get; init; }

    public required string Action { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(a => a.ActorSub).HasMaxLength(200);
        builder.Property(a => a.ActorEmail).HasMaxLength(320);
        builder.Property(a => a.Action).HasMaxLength(32);
        builder.Property(a => a.EntityType).HasMaxLength(32);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.Before).HasMaxLength(8000);
        builder.Property(a => a.After).HasMaxLength(8000);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.At);
    }
}
