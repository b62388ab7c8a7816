using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Timesheets.Identity.Data;

// Used only by `dotnet ef migrations add`; each provider generates its own migration set.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIdentityDataContext>
{
    public SqliteIdentityDataContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIdentityDataContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIdentityDataContext>
{
    public PostgresIdentityDataContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIdentityDataContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
