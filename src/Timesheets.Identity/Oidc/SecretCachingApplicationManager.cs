using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// OpenIddict's application manager with two short-lived caches in front, both in the process's
/// <see cref="IMemoryCache"/>:
/// <list type="bullet">
/// <item>The registered applications by client id, for a minute. OpenIddict's own entity cache lives
/// only for one request, so every token request read its application from the database (about a third
/// of a client-credentials token's CPU). An update or delete through this manager drops the entry at
/// once; other instances see it within the minute.</item>
/// <item>That a presented client secret matched its stored PBKDF2 hash, for five minutes, so a machine
/// client asking many times a second does not pay 10,000 hash rounds each time. The secret itself is
/// never kept: only a keyed HMAC of (stored hash, secret) under a random per-process key. Failures are
/// never cached, so guessing still costs the full hash, and a changed secret has a new stored hash,
/// which no cached entry matches.</item>
/// </list>
/// </summary>
internal sealed class SecretCachingApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    IMemoryCache memory)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    private static readonly TimeSpan ApplicationLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SecretLifetime = TimeSpan.FromMinutes(5);
    private static readonly byte[] FingerprintKey = RandomNumberGenerator.GetBytes(32);

    public override async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        if (memory.TryGetValue(ApplicationKey(identifier), out OpenIddictEntityFrameworkCoreApplication? cached))
        {
            return cached;
        }

        var application = await base.FindByClientIdAsync(identifier, cancellationToken);
        if (application is not null)
        {
            memory.Set(ApplicationKey(identifier), application, ApplicationLifetime);
        }

        return application;
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        Forget(application);
        await base.UpdateAsync(application, cancellationToken);
    }

    public override async ValueTask DeleteAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        Forget(application);
        await base.DeleteAsync(application, cancellationToken);
    }

    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        var key = SecretKey(comparand, secret);
        if (memory.TryGetValue(key, out _))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        if (valid)
        {
            memory.Set(key, true, SecretLifetime);
        }

        return valid;
    }

    private void Forget(OpenIddictEntityFrameworkCoreApplication application)
    {
        if (application.ClientId is { } clientId)
        {
            memory.Remove(ApplicationKey(clientId));
        }
    }

    private static (string, string) ApplicationKey(string clientId) => ("oidc-application", clientId);

    private static (string, string) SecretKey(string comparand, string secret) =>
        ("oidc-verified-secret", Convert.ToBase64String(HMACSHA256.HashData(FingerprintKey, Encoding.UTF8.GetBytes(comparand + "\n" + secret))));
}
