using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Oidc;

internal static class OidcServerExtensions
{
    /// <summary>
    /// The OpenID Connect server: Auth0's endpoint paths, code + PKCE (S256 only), refresh tokens
    /// rotated with reuse detection, client credentials; RS256 JWT access tokens any API can verify.
    /// </summary>
    public static IServiceCollection AddOidcServer(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, IdentitySettings.Section, new IdentitySettingsValidator());

        services.AddScoped<PrincipalFactory>();
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDataContext>())
            .AddServer(options =>
            {
                options.SetIssuer(new Uri(settings.Issuer));
                options.SetAuthorizationEndpointUris("authorize")
                    .SetTokenEndpointUris("oauth/token")
                    .SetRevocationEndpointUris("oauth/revoke")
                    .SetUserInfoEndpointUris("userinfo")
                    .SetEndSessionEndpointUris("v2/logout")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks.json");

                // No implicit, hybrid or password grant: only what PRODUCT.md §2 names.
                options.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();

                // Advertised in discovery; API scopes also live in the scope store, tied to the API resource.
                options.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. PermissionNames.All.Keys]);
                options.RegisterClaims(Claims.Subject, Claims.Name, Claims.Nickname, Claims.Picture, Claims.UpdatedAt,
                    Claims.Email, Claims.EmailVerified, Claims.AuthenticationTime, ApiResource.EmailClaim, ApiResource.PermissionsClaim);
                options.RegisterResources(settings.ApiAudience);

                // PKCE for every code request, and only S256: "plain" is neither accepted nor advertised.
                options.RequireProofKeyForCodeExchange();
                options.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                // Reuse of a redeemed refresh token revokes the whole grant at once: no grace window (RFC 9700 §4.14).
                options.SetRefreshTokenReuseLeeway(null);
                options.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                options.SetRefreshTokenLifetime(settings.RefreshTokenLifetime);

                // Plain signed JWTs so any API validates them from the JWKS alone.
                options.DisableAccessTokenEncryption();
                options.AddEventHandler(InternalTokenSigning.Descriptor);

                // Auth0 compatibility and always-listed scopes (see the handlers' notes).
                options.AddEventHandler(Auth0Compatibility.MapAudienceOnAuthorization);
                options.AddEventHandler(Auth0Compatibility.MapAudienceOnToken);
                options.AddEventHandler(Auth0Compatibility.MapReturnToOnEndSession);
                options.AddEventHandler(TokenResponseHandlers.AlwaysListGrantedScopes);
                options.AddEventHandler(TokenResponseHandlers.StoreOnlyTokensThatAreChecked);
                options.AddEventHandler(TokenResponseHandlers.LogTokenOutcome);
                options.AddEventHandler(TokenResponseHandlers.LogRevocation);
                options.AddEventHandler(ConformanceHandlers.IgnoreUnknownScopes);
                options.AddEventHandler(ConformanceHandlers.RejectInvalidLogoutHint);
                options.AddEventHandler(ConformanceHandlers.RequireHintOrClientForLogoutRedirect);

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (!settings.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        // OpenIddict resolves its manager through the closed generic type; this one caches applications and verified secrets.
        services.Replace(ServiceDescriptor.Scoped<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>, SecretCachingApplicationManager>());
        return services;
    }
}
