using System.Globalization;
using OpenIddict.Abstractions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Management.ResourceServers;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// What the device authorization grant (RFC 8628) needs beyond OpenIddict's built-in flow: user codes
/// typed in any case, the polling interval in the device authorization response, and <c>slow_down</c>
/// (<see cref="DevicePolling"/>), and the <c>resource</c> check OpenIddict makes on the other endpoints. Codes, their lifetime, one-time use, <c>authorization_pending</c>,
/// <c>access_denied</c> and <c>expired_token</c> are OpenIddict's.
/// </summary>
internal static class DeviceFlowHandlers
{
    /// <summary>
    /// The API a device asked for travels in its device code, so the grant made on <c>/activate</c> is for
    /// that API (<c>timesheets admin login --device</c> asks for the Management API): OpenIddict 7.8 keeps
    /// the device request's scopes in the code but not its resources.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor KeepRequestedResources { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseInlineHandler(context =>
            {
                if (context.EndpointType == OpenIddictServerEndpointType.DeviceAuthorization &&
                    context.Principal is { } principal && context.Request is { } request && !principal.GetResources().Any())
                {
                    principal.SetResources(request.GetResources());
                }

                return default;
            })
            .SetOrder(HandlerOrder.BeforeBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>User codes as Auth0 and RFC 8628 §6.1 make them: 8 consonants (no vowels, so no words; ~34 bits).</summary>
    public const string UserCodeCharset = "BCDFGHJKLMNPQRSTVWXZ";

    public const int UserCodeLength = 8;

    /// <summary>Shown as BDWP-HQPK; OpenIddict drops the dash (and anything outside the charset) when it reads a code.</summary>
    public const string UserCodeDisplayFormat = "{0}{1}{2}{3}-{4}{5}{6}{7}";

    /// <summary>A code as the device shows it, however the user typed it (lower case, without the dash).</summary>
    public static string Display(string code)
    {
        var kept = new string([.. code.ToUpperInvariant().Where(c => UserCodeCharset.Contains(c, StringComparison.Ordinal))]);
        return kept.Length == UserCodeLength ? kept.Insert(UserCodeLength / 2, "-") : code;
    }

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

    /// <summary>
    /// RFC 8707 on the device endpoint as on <c>/authorize</c> and <c>/oauth/token</c>, where OpenIddict checks it
    /// and 7.8 does not here: only a registered API the client may use is accepted, anything else is <c>invalid_target</c>.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor ValidateResources { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateDeviceAuthorizationRequestContext>()
            .UseScopedHandler<DeviceResourceValidator>()
            .SetOrder(OpenIddictServerHandlers.Device.ValidateScopePermissions.Descriptor.Order + 1_000)
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

    internal sealed class DeviceResourceValidator(IOpenIddictApplicationManager applications, ResourceServerCatalog catalog) : IOpenIddictServerHandler<ValidateDeviceAuthorizationRequestContext>
    {
        public async ValueTask HandleAsync(ValidateDeviceAuthorizationRequestContext context)
        {
            var application = string.IsNullOrEmpty(context.ClientId) ? null : await applications.FindByClientIdAsync(context.ClientId);
            foreach (var resource in context.Request.GetResources())
            {
                if (!Uri.TryCreate(resource, UriKind.Absolute, out _) || await catalog.FindAsync(resource, context.CancellationToken) is null || application is null ||
                    !await applications.HasPermissionAsync(application, OpenIddictConstants.Permissions.Prefixes.Resource + resource))
                {
                    // Not echoed: an error description allows only a narrow set of characters (RFC 6749 §5.2).
                    context.Reject(Errors.InvalidTarget, "A requested 'audience' or 'resource' is not an API of this server open to this client.");
                    return;
                }
            }
        }
    }

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
