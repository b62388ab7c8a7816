using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Timesheets.Api.Data;

// Used only by `dotnet ef migrations add`; each provider generates its own migration set.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteApiDataContext>
{
    public SqliteApiDataContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteApiDataContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresApiDataContext>
{
    public PostgresApiDataContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresApiDataContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
