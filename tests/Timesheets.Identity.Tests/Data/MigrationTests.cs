using Microsoft.EntityFrameworkCore;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void SqliteMigrations_CoverTheWholeModel()
    {
        using var db = new SqliteIdentityDataContext(new DbContextOptionsBuilder<SqliteIdentityDataContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no SQLite migration covers: add a migration.");
    }

    [Fact]
    public void PostgresMigrations_CoverTheWholeModel()
    {
        using var db = new PostgresIdentityDataContext(new DbContextOptionsBuilder<PostgresIdentityDataContext>().UseNpgsql("Host=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no PostgreSQL migration covers: add a migration.");
    }
}
