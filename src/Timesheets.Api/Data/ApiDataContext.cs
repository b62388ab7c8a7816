using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Features.Audit;
using Timesheets.Api.Features.Projects;
using Timesheets.Api.Features.Sync;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Features.Users;

namespace Timesheets.Api.Data;

/// <summary>
/// The API database. Each provider derives its own context so that SQLite and PostgreSQL keep
/// separate migration sets (the same pattern as Identity).
/// </summary>
public abstract class ApiDataContext(DbContextOptions options) : DbContext(options)
{
    internal DbSet<TimesheetEntry> Entries => Set<TimesheetEntry>();

    internal DbSet<Project> Projects => Set<Project>();

    internal DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    internal DbSet<EntryChange> Changes => Set<EntryChange>();

    internal DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    internal DbSet<KnownUser> Users => Set<KnownUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApiDataContext).Assembly);
}

public sealed class SqliteApiDataContext(DbContextOptions<SqliteApiDataContext> options) : ApiDataContext(options);

public sealed class PostgresApiDataContext(DbContextOptions<PostgresApiDataContext> options) : ApiDataContext(options)
{
    /// <summary>SQL of the writing transaction's id, as a bigint (xid8 values stay far below 2^63).</summary>
    public const string CurrentXidSql = "(pg_current_xact_id()::text::bigint)";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Filled in by the database on every insert, including the bulk insert of an upload.
        var changes = modelBuilder.Entity<EntryChange>();
        changes.Property(c => c.Xid).HasDefaultValueSql(CurrentXidSql);
        // Every change row pays for each index on insert (an upload writes 100,000 of them). Here the feed
        // pages by (OwnerSub, Xid, Id), so (OwnerSub, Id), SQLite's paging order, is never read; and OwnerEmail
        // is only looked up for rows still waiting for their user's sub, so only those are indexed.
        changes.Metadata.RemoveIndex(changes.Metadata.FindIndex([changes.Metadata.FindProperty(nameof(EntryChange.OwnerSub))!, changes.Metadata.FindProperty(nameof(EntryChange.Id))!])!);
        changes.HasIndex(c => c.OwnerEmail).HasFilter("\"OwnerSub\" IS NULL");
    }
}
