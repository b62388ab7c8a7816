using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Auth0's parameter names, so clients written for the original design work unchanged:
/// <c>audience</c> is read as RFC 8707's <c>resource</c> (authorize, token, device code), and <c>returnTo</c> on logout as
/// <c>post_logout_redirect_uri</c>. They run after the request is extracted, before validation.
/// A client written for both conventions sends both <c>audience</c> and <c>resource</c>: accepted
/// when they name the same APIs, <c>invalid_target</c> when they do not (RFC 8707 §2).
/// </summary>
internal static class Auth0Compatibility
{
    public const string AudienceParameter = "audience";
    public const string ReturnToParameter = "returnTo";

    public static OpenIddictServerHandlerDescriptor MapAudienceOnAuthorization { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractAuthorizationRequestContext>()
            .UseInlineHandler(context => MapAudience(context))
            .SetOrder(HandlerOrder.AfterBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor MapAudienceOnToken { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseInlineHandler(context => MapAudience(context))
            .SetOrder(HandlerOrder.AfterBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor MapAudienceOnDeviceAuthorization { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractDeviceAuthorizationRequestContext>()
            .UseInlineHandler(context => MapAudience(context))
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

    private static ValueTask MapAudience(BaseValidatingContext context)
    {
        var request = context.Transaction.Request;
        if (request?.Audiences is not { } sent)
        {
            return default;
        }

        // OpenIddict reserves "audience" for token exchange, so it is moved into "resource", not copied.
        request.Audiences = null;
        var audiences = sent.Where(a => !string.IsNullOrEmpty(a)).ToHashSet(StringComparer.Ordinal);
        if (audiences.Count == 0)
        {
            return default;
        }

        if (request.Resources is not { Length: > 0 } resources)
        {
            request.Resources = [.. audiences];
        }
        else if (!audiences.SetEquals(resources))
        {
            context.Reject(Errors.InvalidTarget,
                "The 'audience' and 'resource' parameters name different APIs: send one of them, or the same value in both.");
        }

        return default;
    }
}
