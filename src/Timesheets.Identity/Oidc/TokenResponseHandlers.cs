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
    /// Token rows that would never be read are not written: ID tokens, and the access tokens of
    /// machine clients (no user grant to revoke; APIs verify them from the JWKS alone). Codes,
    /// refresh tokens and users' access tokens stay stored, so redemption, rotation, reuse
    /// detection and revoking a grant (its access tokens stop working at /userinfo) are unchanged.
    /// Saves the only INSERT of a client-credentials token and one per code or refresh grant.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor StoreOnlyTokensThatAreChecked { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseInlineHandler(context =>
            {
                var neverChecked = context.TokenType == TokenTypeIdentifiers.IdentityToken ||
                    (context.TokenType == TokenTypeIdentifiers.AccessToken && context.Request?.IsClientCredentialsGrantType() == true);
                if (neverChecked && !context.IsReferenceToken)
                {
                    context.CreateTokenEntry = false;
                }

                return default;
            })
            .SetOrder(HandlerOrder.BeforeBuiltIns)
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
    internal sealed class TokenOutcomeLogger(ILogger<SecurityLog.Events> logger) : IOpenIddictServerHandler<ApplyTokenResponseContext>
    {
        // OpenIddict's documented error id for "this refresh token was already redeemed".
        private const string RefreshTokenReusedErrorId = "ID2012";

        public ValueTask HandleAsync(ApplyTokenResponseContext context)
        {
            var clientId = context.Request?.ClientId ?? "(none)";
            var grantType = context.Request?.GrantType ?? "(none)";
            if (context.Response.AccessToken is not null)
            {
                SecurityLog.TokenIssued(logger, clientId, grantType);
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
