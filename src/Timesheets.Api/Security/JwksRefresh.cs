using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Timesheets.Api.Security;

/// <summary>
/// The issuer's discovery document and JWKS as JwtBearer sees them, fetched again by a timer every
/// <c>Auth:KeysRefreshInterval</c> (<see cref="JwksRefreshLoop"/>), so a key the issuer revoked stops
/// validating within that interval even when the API was idle: IdentityModel's own manager refetches
/// only on traffic, in the background, and answers the first request after a quiet spell with the
/// old keys (and its automatic refresh cannot go below 5 minutes).
/// </summary>
internal sealed partial class JwksRefresh(
    Func<CancellationToken, Task<OpenIdConnectConfiguration>> fetch, TimeSpan minimumGap, TimeProvider clock, ILogger<JwksRefresh> logger)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    // Never disposed: it lives as long as the JwtBearer options, and a SemaphoreSlim whose wait
    // handle is never asked for holds nothing to release.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private long _fetchedTicks;
    private volatile bool _refreshRequested;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (Volatile.Read(ref _current) is { } held && !_refreshRequested)
        {
            return held;
        }

        await _gate.WaitAsync(cancel);
        try
        {
            if (_current is null || _refreshRequested)
            {
                _refreshRequested = false;
                // The first fetch has nothing to fall back on: its failure fails this request (401).
                await FetchAsync(keepOnFailure: _current is not null, cancel);
            }

            return _current!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// JwtBearer asks after a token named a <c>kid</c> it does not hold: the next request fetches
    /// first, at most once per <c>minimumGap</c> (JwtBearer's <c>RefreshInterval</c>), so forged kids cannot hammer the issuer.
    /// </summary>
    public void RequestRefresh()
    {
        if (clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _fetchedTicks) >= minimumGap.Ticks)
        {
            _refreshRequested = true;
        }
    }

    /// <summary>The timer's fetch: the keys held meanwhile keep serving, and still serve if it fails.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await FetchAsync(keepOnFailure: true, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FetchAsync(bool keepOnFailure, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _fetchedTicks, clock.GetUtcNow().UtcTicks);
        try
        {
            Volatile.Write(ref _current, await fetch(cancellationToken));
        }
        catch (Exception ex) when (keepOnFailure && ex is not OperationCanceledException)
        {
            LogFetchFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refetch the issuer's discovery document and JWKS; the keys held meanwhile stay in use.")]
    private partial void LogFetchFailed(Exception exception);
}
