using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Keys;
using Timesheets.Identity.Oidc;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Seeding;

internal static class StartupExtensions
{
    /// <summary>
    /// Before the first request: apply migrations when <c>Database:MigrateOnStart</c> is on, load
    /// (or create) the keys, and seed roles, applications and demo users.
    /// </summary>
    public static async Task PrepareIdentityAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        // Instances starting together take turns, so only the first one creates keys and seed rows.
        await using var startup = await StartupLock.AcquireAsync(app.Services, "identity", cancellationToken);
        if (app.Services.MigrateOnStart())
        {
            await app.Services.MigrateIdentityDatabaseAsync(cancellationToken);
        }

        await app.Services.LoadKeysAsync(cancellationToken);

        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<Seeder>(scope.ServiceProvider).SeedAsync(cancellationToken);
    }

    /// <summary>
    /// Administrative commands: <c>migrate</c> applies migrations; <c>rotate-keys</c> retires the
    /// signing key and creates a new one (restart the instances afterwards). Both then exit.
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                await app.Services.MigrateIdentityDatabaseAsync(CancellationToken.None);
                await Console.Out.WriteLineAsync("The Identity database is up to date.");
                return true;
            case "rotate-keys":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
                    var algorithm = app.Services.GetRequiredService<IOptions<IdentitySettings>>().Value.SigningAlgorithm;
                    var key = await KeyRing.RotateSigningKeyAsync(db, algorithm, TimeProvider.System, CancellationToken.None);
                    await Console.Out.WriteLineAsync($"New signing key {key.Id}; the previous one stays published for verification. Restart every instance to sign with it.");
                }

                return true;
            default:
                return false;
        }
    }
}
