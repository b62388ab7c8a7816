using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Keys;

/// <summary>
/// Reloads the key ring from the database every <c>Keys:ReloadInterval</c>, and has OpenIddict rebuild its
/// credentials when the published set changed: a next key appeared, a key was revoked, or a retired
/// key's tokens have all expired. A failed read (database briefly away) keeps the current ring and is tried
/// again at the next tick.
/// </summary>
internal sealed partial class KeyRingReloader(
    IServiceProvider services, KeyRing ring, KeyRingChanges changes, KeyProtector protector, IOptions<KeySettings> settings,
    IOptions<IdentitySettings> identity, IOptionsMonitor<OpenIddictServerOptions> server, TimeProvider clock, ILogger<KeyRingReloader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var published = Published();
        using var timer = new PeriodicTimer(settings.Value.ReloadInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using (var scope = services.CreateAsyncScope())
                {
                    await ring.LoadAsync(scope.ServiceProvider.GetRequiredService<IdentityDataContext>(), protector, identity.Value.SigningAlgorithm, stoppingToken);
                }

                var now = Published();
                if (now != published)
                {
                    published = now;
                    changes.Signal();
                    LogReloaded(logger, now);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReloadFailed(logger, e);
            }
        }
    }

    /// <summary>The keys OpenIddict holds now, including the retention of retired keys measured at this moment.</summary>
    private string Published()
    {
        var options = server.CurrentValue;
        var retention = KeyRing.Retention(options.AccessTokenLifetime, options.IdentityTokenLifetime, settings.Value.ClockSkew);
        var now = clock.GetUtcNow();
        return ring.Fingerprint + "|" + string.Join(',', ring.SigningKeys.Where(k => KeyRing.Verifies(k, now, retention)).Select(k => k.Id));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key ring reloaded; OpenIddict's credentials are rebuilt ({KeyRing})")]
    private static partial void LogReloaded(ILogger logger, string keyRing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key ring could not be reloaded; the current keys stay in use")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
