using System.Globalization;
using OpenIddict.Abstractions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Timesheets.Identity.Configuration;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// What the device authorization grant (RFC 8628) needs beyond OpenIddict's built-in flow: user codes
/// typed in any case, the polling interval in the device authorization response, and <c>slow_down</c>
/// (<see cref="DevicePolling"/>). Codes, their lifetime, one-time use, <c>authorization_pending</c>,
/// <c>access_denied</c> and <c>expired_token</c> are OpenIddict's.
/// </summary>
internal static class DeviceFlowHandlers
{
    /// <summary>
    /// RFC 8628 §6.1: compare user codes case-insensitively. OpenIddict drops every character outside the
    /// code's charset (dashes, spaces) before the look-up, so lower-case letters are upper-cased first.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor UpperCaseUserCode { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractEndUserVerificationRequestContext>()
            .UseInlineHandler(context =>
            {
                if (context.Request is { UserCode: { Length: > 0 } code } request)
                {
                    request.UserCode = code.ToUpperInvariant();
                }

                return default;
            })
            .SetOrder(HandlerOrder.AfterBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>OpenIddict leaves <c>interval</c> out (clients then wait 5 s); it is sent so the setting reaches the device.</summary>
    public static OpenIddictServerHandlerDescriptor AttachPollingInterval { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyDeviceAuthorizationResponseContext>()
            .UseSingletonHandler<PollingIntervalAttacher>()
            .SetOrder(HandlerOrder.BeforeBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>Turns the <c>authorization_pending</c> answer to a poll that came too soon into <c>slow_down</c>.</summary>
    public static OpenIddictServerHandlerDescriptor SlowDown { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<SlowDownHandler>()
            // Before the outcome is logged, so the log says slow_down.
            .SetOrder(HandlerOrder.BeforeBuiltIns - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    internal sealed class PollingIntervalAttacher(IOptions<IdentitySettings> settings) : IOpenIddictServerHandler<ApplyDeviceAuthorizationResponseContext>
    {
        public ValueTask HandleAsync(ApplyDeviceAuthorizationResponseContext context)
        {
            if (context.Response.Error is null && context.Response.DeviceCode is not null)
            {
                context.Response[Parameters.Interval] = (long)settings.Value.DevicePollingInterval.TotalSeconds;
            }

            return default;
        }
    }

    internal sealed class SlowDownHandler(DevicePolling polling) : IOpenIddictServerHandler<ApplyTokenResponseContext>
    {
        public ValueTask HandleAsync(ApplyTokenResponseContext context)
        {
            if (context.Response.Error == Errors.AuthorizationPending && context.Request is { DeviceCode: { Length: > 0 } deviceCode } &&
                context.Request.IsDeviceCodeGrantType() && !polling.TryPoll(deviceCode))
            {
                context.Response.Error = Errors.SlowDown;
                context.Response.ErrorDescription = string.Create(CultureInfo.InvariantCulture,
                    $"The device polled sooner than its interval: wait {DevicePolling.SlowDownStep.TotalSeconds:0} seconds longer between requests from now on.");
                context.Response.ErrorUri = null;
            }

            return default;
        }
    }
}
