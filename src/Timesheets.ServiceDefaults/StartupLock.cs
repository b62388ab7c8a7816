using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// Serialises start-up preparation (migrations, keys, seeding) between instances of one service that
/// start at the same moment on one PostgreSQL database; without it both insert the same seed rows and
/// one of them stops with a unique-key or concurrency error. A session advisory lock on a connection
/// of its own, outside the pool (the pooled connections keep no session state), so closing it always
/// releases the lock. SQLite is a file on one machine and takes no lock here.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    /// <param name="name">The service's name; each service has its own lock.</param>
    public static Task<StartupLock> AcquireAsync(IServiceProvider services, string name, CancellationToken cancellationToken) =>
        AcquireAsync(services.GetRequiredService<IOptions<DatabaseSettings>>().Value, name, cancellationToken);

    private static async Task<StartupLock> AcquireAsync(DatabaseSettings settings, string name, CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProviders.Postgres)
        {
            return new StartupLock(null);
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // No command timeout: the wait lasts as long as the other instance's migrations and seeding, which
            // may take longer than Npgsql's default 30 s (a big migration, a busy machine). If that instance dies,
            // its connection closes and the lock is released; a start that hangs is the orchestrator's to kill.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext($1))", connection)
            {
                Parameters = { new() { Value = "startup:" + name } },
                CommandTimeout = 0,
            };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
