using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Where OpenIddict's defaults fall short of the OpenID conformance plans: unknown scopes are ignored
/// (OIDC Core §3.1.2.1), and logout only redirects for a valid id_token_hint or an explicit client_id
/// (RP-Initiated Logout 1.0 §2-3).
/// </summary>
internal static class ConformanceHandlers
{
    /// <summary>Drops scope values the server does not know (address, phone, typos) instead of failing the request.</summary>
    public static OpenIddictServerHandlerDescriptor IgnoreUnknownScopes { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractAuthorizationRequestContext>()
            .UseInlineHandler(context =>
            {
                if (context.Request is { Scope: { Length: > 0 } } request)
                {
                    request.Scope = string.Join(' ', request.GetScopes().Where(context.Options.Scopes.Contains));
                }

                return default;
            })
            .SetOrder(HandlerOrder.AfterBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>OpenIddict treats a bad id_token_hint as absent; at logout it must stop the redirect.</summary>
    public static OpenIddictServerHandlerDescriptor RejectInvalidLogoutHint { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseInlineHandler(context =>
            {
                if (context.EndpointType is OpenIddictServerEndpointType.EndSession)
                {
                    context.RejectIdentityToken = true;
                }

                return default;
            })
            .SetOrder(OpenIddictServerHandlers.EvaluateValidatedTokens.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>Without a hint or a client_id nothing says which RP asked, so no post-logout redirect.</summary>
    public static OpenIddictServerHandlerDescriptor RequireHintOrClientForLogoutRedirect { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateEndSessionRequestContext>()
            .UseInlineHandler(context =>
            {
                if (!string.IsNullOrEmpty(context.PostLogoutRedirectUri) && context.IdentityTokenHintPrincipal is null &&
                    string.IsNullOrEmpty(context.ClientId))
                {
                    context.Reject(Errors.InvalidRequest,
                        "A post_logout_redirect_uri needs an id_token_hint (or a client_id) naming the application.");
                }

                return default;
            })
            .SetOrder(OpenIddictServerHandlers.Session.ValidateAuthentication.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();
}
