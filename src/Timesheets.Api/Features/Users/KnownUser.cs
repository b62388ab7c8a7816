using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timesheets.Api.Features.Timesheets;

namespace Timesheets.Api.Features.Users;

/// <summary>
/// A user this API has seen a token with a verified email of: lets a batch upload that names a user by
/// email find their <c>sub</c>. One <c>sub</c> per email (a unique index), so no second account can
/// claim entries uploaded for the first.
/// </summary>
internal sealed class KnownUser
{
    public required string Sub { get; init; }

    public required string Email { get; set; }

    public DateTime FirstSeenAt { get; init; }
}

internal sealed class KnownUserConfiguration : IEntityTypeConfiguration<KnownUser>
{
    public void Configure(EntityTypeBuilder<KnownUser> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Sub);
        builder.Property(u => u.Sub).HasMaxLength(200);
        builder.Property(u => u.Email).HasMaxLength(TimesheetEntryConfiguration.EmailLength);
        builder.HasIndex(u => u.Email).IsUnique();
    }
}
