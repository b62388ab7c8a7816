using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Remembers, for a few minutes, that a presented client secret matched its stored PBKDF2 hash,
/// so a machine client asking for a token many times a second does not pay 10,000 hash rounds
/// each time. The secret itself is never kept: only a keyed HMAC of (stored hash, secret) under a
/// random per-process key. Failures are never cached, so guessing still costs the full hash, and
/// a changed secret has a new stored hash, which no cached entry matches.
/// </summary>
internal sealed class ClientSecretCache(TimeProvider clock)
{
    private const int MaxEntries = 1024;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);

    public bool IsVerified(string comparand, string secret) =>
        _verified.TryGetValue(Fingerprint(comparand, secret), out var expires) && expires > clock.GetUtcNow();

    public void Remember(string comparand, string secret)
    {
        if (_verified.Count >= MaxEntries)
        {
            _verified.Clear();
        }

        _verified[Fingerprint(comparand, secret)] = clock.GetUtcNow() + Lifetime;
    }

    private string Fingerprint(string comparand, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(comparand + "\n" + secret)));
}

/// <summary>
/// The registered applications by client id, for a minute. OpenIddict's own entity cache lives only
/// for one request, so every token request read its application from the database (about a third
/// of a client-credentials token's CPU). The entities are only read on these paths; an update
/// through the manager drops the entry at once, and other instances see it within the minute.
/// </summary>
internal sealed class ApplicationCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (OpenIddictEntityFrameworkCoreApplication Application, DateTimeOffset Expires)> _byClientId =
        new(StringComparer.Ordinal);

    public OpenIddictEntityFrameworkCoreApplication? Find(string clientId) =>
        _byClientId.TryGetValue(clientId, out var entry) && entry.Expires > clock.GetUtcNow() ? entry.Application : null;

    public void Remember(OpenIddictEntityFrameworkCoreApplication application)
    {
        if (application.ClientId is { } clientId)
        {
            _byClientId[clientId] = (application, clock.GetUtcNow() + Lifetime);
        }
    }

    public void Forget(OpenIddictEntityFrameworkCoreApplication application)
    {
        if (application.ClientId is { } clientId)
        {
            _byClientId.TryRemove(clientId, out _);
        }
    }
}

/// <summary>OpenIddict's application manager with <see cref="ApplicationCache"/> and <see cref="ClientSecretCache"/> in front.</summary>
internal sealed class SecretCachingApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    ClientSecretCache secrets,
    ApplicationCache applications)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        if (applications.Find(identifier) is { } cached)
        {
            return cached;
        }

        var application = await base.FindByClientIdAsync(identifier, cancellationToken);
        if (application is not null)
        {
            applications.Remember(application);
        }

        return application;
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        applications.Forget(application);
        await base.UpdateAsync(application, cancellationToken);
    }

    public override async ValueTask DeleteAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        applications.Forget(application);
        await base.DeleteAsync(application, cancellationToken);
    }

    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (secrets.IsVerified(comparand, secret))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        if (valid)
        {
            secrets.Remember(comparand, secret);
        }

        return valid;
    }
}
