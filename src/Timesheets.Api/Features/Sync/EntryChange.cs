using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Timesheets.Api.Features.Sync;

/// <summary>
/// One row per change of an entry, in commit order of its id: the changes feed reads this, so a
/// deleted entry still shows up (as a tombstone) after the entry row is gone.
/// </summary>
internal sealed class EntryChange
{
    public long Id { get; set; }

    public long EntryId { get; init; }

    public string? OwnerSub { get; set; }

    public required string OwnerEmail { get; init; }

    public bool Deleted { get; init; }

    public DateTime At { get; init; }
}

internal sealed class EntryChangeConfiguration : IEntityTypeConfiguration<EntryChange>
{
    public void Configure(EntityTypeBuilder<EntryChange> builder)
    {
        builder.ToTable("EntryChanges");
        builder.Property(c => c.OwnerSub).HasMaxLength(200);
        builder.Property(c => c.OwnerEmail).HasMaxLength(320);
        builder.HasIndex(c => new { c.OwnerSub, c.Id });
        builder.HasIndex(c => c.OwnerEmail);
    }
}
