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

    /// <summary>
    /// PostgreSQL only: the id of the transaction that wrote the row (set by the database). Ids
    /// come from a sequence in insert order, but transactions commit in any order, so the feed
    /// pages by (transaction, id) and only over transactions older than every one still running.
    /// </summary>
    public long? Xid { get; init; }
}

internal sealed class EntryChangeConfiguration : IEntityTypeConfiguration<EntryChange>
{
    public void Configure(EntityTypeBuilder<EntryChange> builder)
    {
        builder.ToTable("EntryChanges");
        builder.Property(c => c.OwnerSub).HasMaxLength(200);
        builder.Property(c => c.OwnerEmail).HasMaxLength(320);
        builder.HasIndex(c => new { c.OwnerSub, c.Id });
        builder.HasIndex(c => new { c.OwnerSub, c.Xid, c.Id });
        builder.HasIndex(c => c.OwnerEmail);
    }
}
