using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Timesheets.Testing;

namespace Timesheets.Attacks.Infrastructure;

/// <summary>Row counts read straight from a host's database, so an attack that wrote anything is seen.</summary>
public static class RowCounts
{
    public static readonly string[] ApiTables = ["Entries", "Projects", "EntryChanges", "AuditEvents", "IdempotencyKeys", "Users"];

    public static readonly string[] IdentityTables =
        ["AspNetUsers", "OpenIddictApplications", "OpenIddictAuthorizations", "OpenIddictTokens", "Permissions", "RolePermissions"];

    /// <summary>Adds the count of each of <paramref name="tables"/> to <paramref name="counts"/>, keyed "prefix.table".</summary>
    public static async Task AddAsync(TestDatabase database, string prefix, string[] tables, Dictionary<string, long> counts)
    {
        await using DbConnection connection = database.Provider == "Postgres"
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[$"{prefix}.{table}"] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
