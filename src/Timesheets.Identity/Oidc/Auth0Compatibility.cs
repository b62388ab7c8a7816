using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Auth0's parameter names, so clients written for the original design work unchanged:
/// <c>audience</c> is read as RFC 8707's <c>resource</c>, and <c>returnTo</c> on logout as
/// <c>post_logout_redirect_uri</c>. They run after the request is extracted, before validation.
/// </summary>
internal static class Auth0Compatibility
{
    public const string AudienceParameter = "audience";
    public const string ReturnToParameter = "returnTo";

    public static OpenIddictServerHandlerDescriptor MapAudienceOnAuthorization { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractAuthorizationRequestContext>()
            .UseInlineHandler(context => MapAudience(context.Request))
            .SetOrder(HandlerOrder.AfterBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor MapAudienceOnToken { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseInlineHandler(context => MapAudience(context.Request))
            .SetOrder(HandlerOrder.AfterBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor MapReturnToOnEndSession { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractEndSessionRequestContext>()
            .UseInlineHandler(context =>
            {
                var request = context.Request;
                if (request is not null && string.IsNullOrEmpty(request.PostLogoutRedirectUri) &&
                    (string?)request[ReturnToParameter] is { Length: > 0 } returnTo)
                {
                    request.PostLogoutRedirectUri = returnTo;
                }

                return default;
            })
            .SetOrder(HandlerOrder.AfterBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    private static ValueTask MapAudience(OpenIddictRequest? request)
    {
        if (request is not null && (string?)request[AudienceParameter] is { Length: > 0 } audience &&
            request.Resources is not { Length: > 0 })
        {
            // OpenIddict reserves "audience" for token exchange, so it is moved, not copied.
            request.Resources = [audience];
            request.Audiences = null;
        }

        return default;
    }
}
