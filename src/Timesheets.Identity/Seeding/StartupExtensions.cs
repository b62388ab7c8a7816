using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Keys;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Seeding;

internal static class StartupExtensions
{
    /// <summary>
    /// Before the first request: apply migrations when <c>Database:MigrateOnStart</c> is on, seal and load
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

        await app.Services.PrepareKeysAsync(cancellationToken);

        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<Seeder>(scope.ServiceProvider).SeedAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Security.LoginThrottle>().PurgeStaleAsync(cancellationToken);
    }

    /// <summary>
    /// Administrative commands, which then exit: <c>migrate</c> applies migrations; <c>rotate-keys</c>
    /// publishes a next signing key that signs after <c>Keys:NextKeyDelay</c>; <c>revoke-key KID</c>
    /// withdraws a compromised key at once. Running instances pick both up within <c>Keys:ReloadInterval</c>.
    /// <c>create-admin EMAIL</c> prepares the database like a start, then prints the new admin's set-password link.
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
                await RunKeyCommandAsync(app, async (keys, algorithm, settings) =>
                {
                    var key = await keys.RotateSigningKeyAsync(algorithm, settings.NextKeyDelay, CancellationToken.None);
                    return $"Next signing key {key.Id} is published from now and signs from {key.SignsFrom:u}; the current key signs until then and stays published until its tokens expire. Running instances pick this up within {settings.ReloadInterval}.";
                });
                return true;
            case "revoke-key":
                await RunKeyCommandAsync(app, async (keys, algorithm, settings) =>
                {
                    var kid = args.ElementAtOrDefault(1);
                    var key = string.IsNullOrWhiteSpace(kid) ? null : await keys.RevokeAsync(kid, algorithm, CancellationToken.None);
                    return key is null
                        ? null
                        : $"Key {key.Id} ({key.Use}) is revoked: running instances stop signing with it and drop it from the JWKS within {settings.ReloadInterval}; tokens it signed are refused once each API has refreshed its keys.";
                }, usage: "usage: revoke-key KID (a kid from /.well-known/jwks.json or the Keys table)");
                return true;
            case "create-admin":
                await app.PrepareIdentityAsync();
                Environment.ExitCode = await CreateAdmin.RunAsync(app.Services, args.ElementAtOrDefault(1), Console.Out, Console.Error, CancellationToken.None);
                return true;
            default:
                return false;
        }
    }

    private static async Task RunKeyCommandAsync(WebApplication app, Func<KeyStore, string, KeySettings, Task<string?>> command, string usage = "")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var algorithm = app.Services.GetRequiredService<IOptions<IdentitySettings>>().Value.SigningAlgorithm;
        var settings = app.Services.GetRequiredService<IOptions<KeySettings>>().Value;
        var message = await command(scope.ServiceProvider.GetRequiredService<KeyStore>(), algorithm, settings);
        if (message is null)
        {
            await Console.Error.WriteLineAsync($"No such key. {usage}");
            Environment.ExitCode = 1;
            return;
        }

        await Console.Out.WriteLineAsync(message);
    }
}
