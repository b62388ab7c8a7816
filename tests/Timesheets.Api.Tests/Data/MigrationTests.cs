using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;

namespace Timesheets.Api.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void SqliteModel_HasNoChangesWithoutMigration()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: run dotnet ef migrations add for SqliteApiDataContext.");
    }

    [Fact]
    public void PostgresModel_HasNoChangesWithoutMigration()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: run dotnet ef migrations add for PostgresApiDataContext.");
    }
}
