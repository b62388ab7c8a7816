using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timesheets.Identity.Keys;
using Timesheets.Identity.Management.Logs;
using Timesheets.Identity.Management.ResourceServers;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Data;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Nickname).HasMaxLength(100);
        builder.Property(u => u.PictureUrl).HasMaxLength(2000);
        builder.Property(u => u.IsDemo).HasDefaultValue(false);
    }
}

internal sealed class ApplicationRoleConfiguration : IEntityTypeConfiguration<ApplicationRole>
{
    public void Configure(EntityTypeBuilder<ApplicationRole> builder) =>
        builder.Property(r => r.Description).HasMaxLength(500);
}

internal sealed class PermissionConfiguration : IEntityTypeConfiguration<Permission>
{
    public void Configure(EntityTypeBuilder<Permission> builder)
    {
        builder.ToTable("Permissions");
        builder.HasKey(p => p.Name);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Description).HasMaxLength(500);
        builder.Property(p => p.Audience).HasMaxLength(300);
        builder.HasIndex(p => p.Audience);
    }
}

internal sealed class RolePermissionConfiguration : IEntityTypeConfiguration<RolePermission>
{
    public void Configure(EntityTypeBuilder<RolePermission> builder)
    {
        builder.ToTable("RolePermissions");
        builder.HasKey(rp => new { rp.RoleId, rp.PermissionName });
        builder.Property(rp => rp.PermissionName).HasMaxLength(100);
        builder.HasOne<ApplicationRole>().WithMany().HasForeignKey(rp => rp.RoleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Permission>().WithMany().HasForeignKey(rp => rp.PermissionName).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredKeyConfiguration : IEntityTypeConfiguration<StoredKey>
{
    public void Configure(EntityTypeBuilder<StoredKey> builder)
    {
        builder.ToTable("Keys");
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.Use).HasMaxLength(8);
        builder.Property(k => k.Algorithm).HasMaxLength(16);
        builder.Property(k => k.Material).HasMaxLength(8000);
        builder.HasIndex(k => new { k.Use, k.RetiredAt });
    }
}

internal sealed class LoginBlockConfiguration : IEntityTypeConfiguration<LoginBlock>
{
    public void Configure(EntityTypeBuilder<LoginBlock> builder)
    {
        builder.ToTable(Security.LoginThrottleTable.Name);
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(64);
        builder.HasIndex(b => b.UpdatedAt);
        builder.Property(b => b.AccountKey).HasMaxLength(64);
        builder.HasIndex(b => b.AccountKey);
    }
}

internal sealed class ResourceServerConfiguration : IEntityTypeConfiguration<ResourceServer>
{
    public void Configure(EntityTypeBuilder<ResourceServer> builder)
    {
        builder.ToTable("ResourceServers");
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.Identifier).HasMaxLength(300);
        builder.HasIndex(r => r.Identifier).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(200);
    }
}

internal sealed class LogEventConfiguration : IEntityTypeConfiguration<LogEvent>
{
    public void Configure(EntityTypeBuilder<LogEvent> builder)
    {
        builder.ToTable("Logs");
        builder.Property(e => e.Type).HasMaxLength(16);
        builder.Property(e => e.Description).HasMaxLength(1000);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.ClientId).HasMaxLength(100);
        builder.Property(e => e.Ip).HasMaxLength(64);
        builder.Property(e => e.TargetType).HasMaxLength(32);
        builder.Property(e => e.TargetId).HasMaxLength(450);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Type, e.At });
        builder.HasIndex(e => new { e.ActorId, e.At });
        builder.HasIndex(e => new { e.TargetId, e.At });
    }
}
