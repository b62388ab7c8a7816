using Timesheets.Identity.Data;
using Timesheets.Identity.Oidc;

namespace Timesheets.Identity.Seeding;

internal static class StartupExtensions
{
    /// <summary>
    /// Before the first request: apply migrations when <c>Database:MigrateOnStart</c> is on, load
    /// (or create) the keys, and seed roles, applications and demo users.
    /// </summary>
    public static async Task PrepareIdentityAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        if (app.Services.MigrateOnStart())
        {
            await app.Services.MigrateIdentityDatabaseAsync(cancellationToken);
        }

        await app.Services.LoadKeysAsync(cancellationToken);

        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<Seeder>(scope.ServiceProvider).SeedAsync(cancellationToken);
    }

    /// <summary><c>Timesheets.Identity migrate</c>: apply migrations and exit.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length > 0 && args[0] == "migrate")
        {
            await app.Services.MigrateIdentityDatabaseAsync(CancellationToken.None);
            await Console.Out.WriteLineAsync("The Identity database is up to date.");
            return true;
        }

        return false;
    }
}
