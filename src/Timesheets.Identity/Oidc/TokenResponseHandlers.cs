using OpenIddict.Abstractions;
using OpenIddict.Server;
using Timesheets.Identity.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

internal static class TokenResponseHandlers
{
    /// <summary>
    /// OpenIddict lists <c>scope</c> in a token response only when it differs from the request;
    /// Timesheets always lists it, because apps decide what to show from it (PRODUCT.md §2).
    /// </summary>
    public static OpenIddictServerHandlerDescriptor AlwaysListGrantedScopes { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseInlineHandler(context =>
            {
                if (context.EndpointType is OpenIddictServerEndpointType.Token && context.AccessTokenPrincipal is { } principal)
                {
                    context.Response.Scope = string.Join(' ', principal.GetScopes());
                }

                return default;
            })
            .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>
    /// Only single-use tokens get a row: authorization codes, device and user codes, and refresh tokens
    /// (redemption, rotation, reuse detection). Access and ID tokens are self-contained JWTs: the APIs
    /// verify them from the JWKS alone, and <c>/userinfo</c> checks a user's access token against its
    /// grant (OpenIddict's authorization entry check, by the <c>oi_au_id</c> the token carries), so
    /// revoking a grant (reuse, "Log this app out", an MFA reset, blocking) stops its access tokens there
    /// without a row per token. Like Auth0, <c>/oauth/revoke</c> therefore revokes refresh tokens only.
    /// Saves one INSERT (one database round trip) per token request of every grant.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor StoreOnlySingleUseTokens { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseInlineHandler(context =>
            {
                var selfContained = context.TokenType is TokenTypeIdentifiers.IdentityToken or TokenTypeIdentifiers.AccessToken;
                if (selfContained && !context.IsReferenceToken)
                {
                    context.CreateTokenEntry = false;
                }

                return default;
            })
            .SetOrder(HandlerOrder.BeforeBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>
    /// The other half of <see cref="StoreOnlySingleUseTokens"/>: OpenIddict checks a token's grant only when
    /// it read the grant's id from the token's row, so for an access token (no row) the id is taken from the
    /// signed token itself, and OpenIddict's own check (<c>ValidateAuthorizationEntry</c>, next) refuses it
    /// at <c>/userinfo</c> once the grant is revoked.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor CheckTheGrantOfAccessTokens { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseInlineHandler(context =>
            {
                if (string.IsNullOrEmpty(context.AuthorizationId) && context.Principal is { } principal &&
                    principal.GetTokenType() == TokenTypeIdentifiers.AccessToken &&
                    principal.GetAuthorizationId() is { Length: > 0 } grant)
                {
                    context.AuthorizationId = grant;
                }

                return default;
            })
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateAuthorizationEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor LogTokenOutcome { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TokenOutcomeLogger>()
            .SetOrder(HandlerOrder.BeforeBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor LogRevocation { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyRevocationResponseContext>()
            .UseSingletonHandler<RevocationLogger>()
            .SetOrder(HandlerOrder.BeforeBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    internal sealed class RevocationLogger(ILogger<SecurityLog.Events> logger) : IOpenIddictServerHandler<ApplyRevocationResponseContext>
    {
        public ValueTask HandleAsync(ApplyRevocationResponseContext context)
        {
            if (context.Response.Error is null)
            {
                SecurityLog.TokenRevoked(logger, context.Request?.ClientId ?? "(none)");
            }

            return default;
        }
    }

    /// <summary>Security log of every token request's outcome; never the tokens themselves.</summary>
    internal sealed class TokenOutcomeLogger(ILogger<SecurityLog.Events> logger, ILogger<SecurityLog.IssuedTokens> issued)
        : IOpenIddictServerHandler<ApplyTokenResponseContext>
    {
        // OpenIddict's documented error id for "this refresh token was already redeemed".
        private const string RefreshTokenReusedErrorId = "ID2012";

        public ValueTask HandleAsync(ApplyTokenResponseContext context)
        {
            var clientId = context.Request?.ClientId ?? "(none)";
            var grantType = context.Request?.GrantType ?? "(none)";
            if (context.Response.AccessToken is not null)
            {
                SecurityLog.TokenIssued(issued, clientId, grantType);
            }
            else if (context.Response.ErrorUri?.Contains(RefreshTokenReusedErrorId, StringComparison.Ordinal) == true)
            {
                SecurityLog.RefreshTokenReuseDetected(logger, clientId);
            }
            // A device waiting for its user polls every few seconds: routine, not a security event.
            else if (context.Response.Error is { } error && error != Errors.AuthorizationPending)
            {
                SecurityLog.TokenRequestRejected(logger, clientId, grantType, error);
            }

            return default;
        }
    }
}
