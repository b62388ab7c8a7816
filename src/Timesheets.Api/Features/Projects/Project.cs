using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Timesheets.Api.Features.Projects;

/// <summary>A project entries are logged against. Archived projects take no new entries but stay readable.</summary>
internal sealed class Project
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public bool Archived { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public const int NameLength = EntryLimits.ProjectNameLength;

    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("Projects");
        builder.Property(p => p.Name).HasMaxLength(NameLength);
        builder.HasIndex(p => p.Name).IsUnique();
    }
}
