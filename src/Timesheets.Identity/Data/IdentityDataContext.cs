using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Keys;
using Timesheets.Identity.Management.Logs;
using Timesheets.Identity.Management.ResourceServers;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Data;

/// <summary>
/// The Identity database: users and roles (ASP.NET Core Identity), OpenIddict's applications,
/// authorizations, scopes and tokens, permissions, keys. Each provider derives its own context so
/// that SQLite and PostgreSQL keep separate migration sets.
/// </summary>
public abstract class IdentityDataContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, ApplicationRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();

    public DbSet<StoredKey> Keys => Set<StoredKey>();

    public DbSet<LoginBlock> LoginBlocks => Set<LoginBlock>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ResourceServer> ResourceServers => Set<ResourceServer>();

    public DbSet<LogEvent> Logs => Set<LogEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(IdentityDataContext).Assembly);
    }
}

public sealed class SqliteIdentityDataContext(DbContextOptions<SqliteIdentityDataContext> options) : IdentityDataContext(options);

public sealed class PostgresIdentityDataContext(DbContextOptions<PostgresIdentityDataContext> options) : IdentityDataContext(options);
