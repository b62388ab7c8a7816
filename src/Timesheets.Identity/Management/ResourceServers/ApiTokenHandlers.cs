using OpenIddict.Abstractions;
using OpenIddict.Server;
using Timesheets.Identity.Oidc;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Management.ResourceServers;

/// <summary>
/// Tokens for APIs registered at run time. OpenIddict checks a requested <c>resource</c> against a
/// list fixed at start-up (<c>RegisterResources</c>); that check is turned off and these handlers check
/// the ResourceServers table instead (<see cref="ResourceServerCatalog"/>), so an API created through
/// the Management API is valid on every instance at once. OpenIddict still checks the client's
/// <c>rst:</c> permission. At sign-in the API's own settings apply: its access token lifetime (never
/// longer than the server's, which is how long a rotated signing key stays published), and no
/// refresh token when it does not allow offline access.
/// </summary>
internal static class ApiTokenHandlers
{
    public const string UnknownApi = "A requested 'audience' or 'resource' is not an API of this server.";

    public static OpenIddictServerHandlerDescriptor ValidateAuthorizationResources { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<RegisteredResources<ValidateAuthorizationRequestContext>>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateResourceParameter.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor ValidateTokenResources { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<RegisteredResources<ValidateTokenRequestContext>>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateResourceParameter.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor ApplyApiSettings { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<ApiSettingsOnSignIn>()
            .SetOrder(HandlerOrder.BeforeBuiltIns)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    internal sealed class RegisteredResources<TContext>(ResourceServerCatalog catalog) : IOpenIddictServerHandler<TContext>
        where TContext : BaseValidatingContext
    {
        public async ValueTask HandleAsync(TContext context)
        {
            foreach (var resource in context.Transaction.Request?.GetResources() ?? [])
            {
                if (await catalog.FindAsync(resource, context.CancellationToken) is null)
                {
                    // Not echoed: an error description allows only a narrow set of characters (RFC 6749 §5.2).
                    context.Reject(Errors.InvalidTarget, UnknownApi);
                    return;
                }
            }
        }
    }

    internal sealed class ApiSettingsOnSignIn(ResourceServerCatalog catalog) : IOpenIddictServerHandler<ProcessSignInContext>
    {
        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            // PrincipalFactory puts exactly one API in every principal it builds.
            if (context.Principal is not { } principal || principal.GetResources().FirstOrDefault() is not { } audience ||
                await catalog.FindAsync(audience, context.CancellationToken) is not { } api)
            {
                return;
            }

            var lifetime = context.Options.AccessTokenLifetime is { } max && max < api.TokenLifetime ? max : api.TokenLifetime;
            principal.SetAccessTokenLifetime(lifetime);
            if (!api.AllowOfflineAccess && principal.HasScope(Scopes.OfflineAccess))
            {
                principal.SetScopes(principal.GetScopes().Remove(Scopes.OfflineAccess));
            }
        }
    }
}
