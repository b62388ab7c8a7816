using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Security;

/// <summary>
/// Fetches the issuer's discovery document and JWKS again every <c>Auth:KeysRefreshInterval</c> (1 minute
/// by default), so a key the issuer revoked stops validating here within that interval. JwtBearer's own
/// <c>AutomaticRefreshInterval</c> cannot go below 5 minutes (IdentityModel's minimum), hence this wrapper
/// around the configuration manager JwtBearer builds; fetching is still done (in the background, the
/// current keys serving meanwhile) by that manager.
/// </summary>
internal sealed class JwksRefresh(IConfigurationManager<OpenIdConnectConfiguration> inner, TimeSpan interval, TimeProvider clock)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    private long _dueTicks = (clock.GetUtcNow() + interval).UtcTicks;

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _dueTicks);
        // One caller per interval asks for the refresh; the others use the keys held meanwhile.
        if (now >= due && Interlocked.CompareExchange(ref _dueTicks, now + interval.Ticks, due) == due)
        {
            inner.RequestRefresh();
        }

        return inner.GetConfigurationAsync(cancel);
    }

    public void RequestRefresh() => inner.RequestRefresh();
}

/// <summary>Wraps the configuration manager JwtBearer's own post-configuration created (registered after it).</summary>
internal sealed class JwksRefreshSetup(IOptions<AuthSettings> settings, TimeProvider clock) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (options.ConfigurationManager is { } manager and not JwksRefresh)
        {
            options.ConfigurationManager = new JwksRefresh(manager, settings.Value.KeysRefreshInterval, clock);
        }
    }
}
