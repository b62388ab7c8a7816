using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Security;

/// <summary>Refetches the issuer's keys every <c>Auth:KeysRefreshInterval</c>, whether or not requests arrive.</summary>
internal sealed partial class JwksRefreshLoop(
    IOptionsMonitor<JwtBearerOptions> bearer, IOptions<AuthSettings> settings, TimeProvider clock, ILogger<JwksRefreshLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is not JwksRefresh keys)
        {
            LogNoRefresh();
            return;
        }

        using var timer = new PeriodicTimer(settings.Value.KeysRefreshInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await keys.RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bearer scheme has no issuer to refetch keys from; timed key refresh is off.")]
    private partial void LogNoRefresh();
}

/// <summary>
/// Replaces the configuration manager JwtBearer's own post-configuration created (so registered after
/// it) with <see cref="JwksRefresh"/>, fetching from the same address through the same backchannel.
/// </summary>
internal sealed class JwksRefreshSetup(TimeProvider clock, ILogger<JwksRefresh> logger) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (options.ConfigurationManager is ConfigurationManager<OpenIdConnectConfiguration> && options.MetadataAddress is { } address && options.Backchannel is { } backchannel)
        {
            var retriever = new HttpDocumentRetriever(backchannel) { RequireHttps = options.RequireHttpsMetadata };
            options.ConfigurationManager = new JwksRefresh(
                cancellationToken => OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancellationToken), options.RefreshInterval, clock, logger);
        }
    }
}
