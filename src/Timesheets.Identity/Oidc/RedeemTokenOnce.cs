using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Marks a single-use token (authorization code, device code, user code, refresh token) redeemed, once,
/// in place of OpenIddict's own handler (<c>RedeemTokenEntry</c>, removed in <see cref="OidcServerExtensions"/>),
/// so a grant writes the token row once (the two handlers together wrote it twice: one round trip of
/// every refresh grant was that second UPDATE).
///
/// Exactly one redemption wins, even when two arrive at once (at two instances, or twice at one): the
/// update carries the row's concurrency token, so the request whose update PostgreSQL (or SQLite) refuses
/// lost the race. OpenIddict would ignore that failure for a refresh token (it takes a concurrent request
/// for a client's harmless retry), so both requests would get new tokens; here it is treated as the reuse
/// it is (docs/identity.md, "Refresh tokens"): the grant is revoked, so the winner's new refresh token
/// fails too, and the answer is the reuse error (security event 1012). A code, device code or user code
/// that loses the race is refused with OpenIddict's own error, as before.
/// </summary>
internal sealed class RedeemTokenOnce(IOpenIddictTokenManager tokens)
    : IOpenIddictServerHandler<ProcessSignInContext>
{
    // OpenIddict's own errors for a token used again, so clients and the security log see one answer for both paths.
    private const string ErrorUri = "https://documentation.openiddict.com/errors/";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenStorageEnabled>()
            .UseScopedHandler<RedeemTokenOnce>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        var authentication = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        var isRefresh = context.EndpointType is OpenIddictServerEndpointType.Token && context.Request.IsRefreshTokenGrantType();
        ClaimsPrincipal? principal = context.EndpointType switch
        {
            OpenIddictServerEndpointType.Token when context.Request.IsAuthorizationCodeGrantType() => authentication?.AuthorizationCodePrincipal,
            OpenIddictServerEndpointType.Token when context.Request.IsDeviceCodeGrantType() => authentication?.DeviceCodePrincipal,
            OpenIddictServerEndpointType.Token when isRefresh => authentication?.RefreshTokenPrincipal,
            OpenIddictServerEndpointType.EndUserVerification => authentication?.UserCodePrincipal,
            _ => null,
        };

        // No id: a token without a row (nothing to redeem); no row: deleted since it was validated.
        if (principal?.GetTokenId() is not { Length: > 0 } id ||
            await tokens.FindByIdAsync(id, context.CancellationToken) is not { } token)
        {
            return;
        }

        // The token as it was read when the request was validated: if another request redeemed it since, this update fails.
        if (await tokens.TryRedeemAsync(token, context.CancellationToken))
        {
            return;
        }

        if (!isRefresh)
        {
            var (description, code) = principal.GetTokenType() switch
            {
                TokenTypeIdentifiers.Private.AuthorizationCode => ("The specified authorization code has already been redeemed.", "ID2010"),
                TokenTypeIdentifiers.Private.DeviceCode => ("The specified device code has already been redeemed.", "ID2011"),
                _ => ("The specified token has already been redeemed.", "ID2013"),
            };
            context.Reject(Errors.InvalidToken, description, ErrorUri + code);
            return;
        }

        // The grant and all its tokens (GrantRevokingTokenManager).
        if (await tokens.GetAuthorizationIdAsync(token, context.CancellationToken) is { Length: > 0 } grant)
        {
            await tokens.RevokeByAuthorizationIdAsync(grant, context.CancellationToken);
        }

        context.Reject(Errors.InvalidGrant, "The specified refresh token has already been redeemed.", ErrorUri + "ID2012");
    }
}
