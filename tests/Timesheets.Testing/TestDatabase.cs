using Npgsql;

namespace Timesheets.Testing;

/// <summary>A fresh, empty database for one test fixture: a SQLite file or a database in the private PostgreSQL.</summary>
public sealed record TestDatabase(string Provider, string ConnectionString)
{
    /// <summary>Set by the test script to the admin connection string of the PostgreSQL cluster it started.</summary>
    public const string PostgresVariable = "TIMESHEETS_TEST_POSTGRES";

    public static TestDatabase Sqlite(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "timesheets-tests");
        Directory.CreateDirectory(folder);
        return new TestDatabase("Sqlite", $"Data Source={Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.db")}");
    }

    public static Task<TestDatabase> PostgresAsync(string name)
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./test.sh, which starts a private PostgreSQL and sets it.");
        }

        return PostgresAsync(name, admin);
    }

    /// <summary>A fresh database on the server of <paramref name="admin"/> (e.g. a <see cref="PrivatePostgres"/>).</summary>
    public static async Task<TestDatabase> PostgresAsync(string name, string admin)
    {
        var database = $"ts_{name}_{Guid.NewGuid():N}";
        database = database[..Math.Min(database.Length, 40)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new TestDatabase("Postgres", new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);
    }

    public static Task<TestDatabase> CreateAsync(string provider, string name) =>
        provider == "Postgres" ? PostgresAsync(name) : Task.FromResult(Sqlite(name));
}
