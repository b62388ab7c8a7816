using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Exactly one redemption of a refresh token wins, even when two arrive at once (at two instances, or twice
/// at one). OpenIddict marks a refresh token redeemed just before the new tokens are made, but by design it
/// ignores a failure to do so (it takes a concurrent request for a client's harmless retry), so both
/// requests would get new tokens. Here the token is marked first, with the row's concurrency token: the
/// request whose update PostgreSQL (or SQLite) refuses lost the race, and is treated as the reuse it is
/// (docs/identity.md, "Refresh tokens"): the grant is revoked, so the winner's new refresh token fails
/// too, and the answer is the reuse error (security event 1012).
/// </summary>
internal sealed class RedeemRefreshTokenOnce(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations)
    : IOpenIddictServerHandler<ProcessSignInContext>
{
    // OpenIddict's own error for a refresh token used again, so clients and the security log see one answer for both paths.
    private const string ReusedDescription = "The specified refresh token has already been redeemed.";
    private const string ReusedUri = "https://documentation.openiddict.com/errors/ID2012";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<RedeemRefreshTokenOnce>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token || !context.Request.IsRefreshTokenGrantType())
        {
            return;
        }

        var authentication = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        if (authentication?.RefreshTokenPrincipal?.GetTokenId() is not { Length: > 0 } id ||
            await tokens.FindByIdAsync(id, context.CancellationToken) is not { } token)
        {
            return;
        }

        // The token as it was read when the request was validated: if another request redeemed it since, this update fails.
        if (await tokens.TryRedeemAsync(token, context.CancellationToken))
        {
            return;
        }

        if (await tokens.GetAuthorizationIdAsync(token, context.CancellationToken) is { Length: > 0 } grant)
        {
            if (await authorizations.FindByIdAsync(grant, context.CancellationToken) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization, context.CancellationToken);
            }

            await tokens.RevokeByAuthorizationIdAsync(grant, context.CancellationToken);
        }

        context.Reject(Errors.InvalidGrant, ReusedDescription, ReusedUri);
    }
}
