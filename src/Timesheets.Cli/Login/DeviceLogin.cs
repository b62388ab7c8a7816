using Duende.IdentityModel.Client;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client.Auth;

namespace Timesheets.Cli.Login;

/// <summary>
/// The device authorization grant (RFC 8628) through Duende.IdentityModel, for a machine without a
/// browser: show the code and the URL, then poll the token endpoint at the interval the server asks.
/// </summary>
internal static class DeviceLogin
{
    public static async Task<LoginOutcome> RunAsync(Connection connection, string audience, CancellationToken cancellationToken)
    {
        var context = connection.Context;
        using var http = context.IdentityHttp();
        var discovery = await connection.Identity().DiscoverAsync(cancellationToken);
        if (discovery.IsError || discovery.DeviceAuthorizationEndpoint is null)
        {
            return LoginOutcome.Failed(discovery.Error ?? "the identity server does not offer device login");
        }

        var request = new DeviceAuthorizationRequest { Address = discovery.DeviceAuthorizationEndpoint, ClientId = Connection.ClientId, Scope = LoginOutcome.Scopes };
        request.Parameters.Add("audience", audience);
        var started = await http.RequestDeviceAuthorizationAsync(request, cancellationToken);
        if (started.IsError || started.DeviceCode is null)
        {
            return LoginOutcome.Failed(started.ErrorDescription ?? started.Error ?? "no device code");
        }

        context.Console.MarkupLineInterpolated($"On any device, open [bold]{started.VerificationUri}[/] and enter the code [bold yellow]{started.UserCode}[/]");
        if (started.VerificationUriComplete is { } complete)
        {
            context.Console.MarkupLineInterpolated($"(or open {complete})");
        }

        return await PollAsync(context, http, discovery.TokenEndpoint!, started, cancellationToken);
    }

    private static async Task<LoginOutcome> PollAsync(CliContext context, HttpClient http, string tokenEndpoint, DeviceAuthorizationResponse started,
        CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(started.Interval, 1));
        var deadline = context.Clock.GetUtcNow().AddSeconds(started.ExpiresIn ?? 600);
        while (context.Clock.GetUtcNow() < deadline)
        {
            await Task.Delay(interval, context.Clock, cancellationToken);
            var response = await http.RequestDeviceTokenAsync(new DeviceTokenRequest
            {
                Address = tokenEndpoint, ClientId = Connection.ClientId, DeviceCode = started.DeviceCode!,
            }, cancellationToken);
            switch (response.Error)
            {
                case null when response.AccessToken is not null:
                    return new LoginOutcome(new TokenSet
                    {
                        AccessToken = response.AccessToken, RefreshToken = response.RefreshToken, IdToken = response.IdentityToken,
                        ExpiresAt = context.Clock.GetUtcNow().AddSeconds(response.ExpiresIn), Scope = response.Scope ?? "",
                    }, null);
                case "authorization_pending":
                    continue;
                case "slow_down":
                    interval += TimeSpan.FromSeconds(5); // RFC 8628 §3.5: every slow_down adds 5 seconds
                    continue;
                default:
                    return LoginOutcome.Failed(response.ErrorDescription ?? response.Error ?? "refused");
            }
        }

        return LoginOutcome.Failed("the code expired before it was entered");
    }
}
