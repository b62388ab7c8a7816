using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Timesheets.Api.Features.Timesheets;

/// <summary>Remembers which entry a caller's <c>Idempotency-Key</c> created, so a retried POST returns it again.</summary>
internal sealed class IdempotencyRecord
{
    public long Id { get; set; }

    public required string OwnerSub { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the request body: the same key with a different body is refused.</summary>
    public required string RequestHash { get; init; }

    public long EntryId { get; set; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>A caller's <c>Idempotency-Key</c>, to look up under the caller's lock.</summary>
internal readonly record struct IdempotencyKey(string OwnerSub, string Key);

/// <summary>What an earlier request with the same key stored: its body's hash and the entry it created.</summary>
internal sealed record EarlierRequest(string RequestHash, long EntryId);

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const int KeyLength = 200;

    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyKeys");
        builder.Property(r => r.OwnerSub).HasMaxLength(200);
        builder.Property(r => r.Key).HasMaxLength(KeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasIndex(r => new { r.OwnerSub, r.Key }).IsUnique();
    }
}
