using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.ResourceServers;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Oidc;

internal static class OidcServerExtensions
{
    /// <summary>
    /// The OpenID Connect server: Auth0's endpoint paths, code + PKCE (S256 only), refresh tokens
    /// rotated with reuse detection, client credentials, device code (RFC 8628); RS256 JWT access tokens any API can verify.
    /// </summary>
    public static IServiceCollection AddOidcServer(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, IdentitySettings.Section, new IdentitySettingsValidator());

        services.AddScoped<PrincipalFactory>();
        services.AddSingleton<ResourceServerCatalog>();
        services.AddSingleton<DevicePolling>();
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<IdentityDataContext>();
                // Caches applications and verified client secrets (see the class's note).
                options.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, SecretCachingApplicationManager>();
                // Revoking a grant's tokens (reuse of a code or refresh token) revokes the grant too (see the class's note).
                options.ReplaceTokenManager<OpenIddictEntityFrameworkCoreToken, GrantRevokingTokenManager>();
            })
            .AddServer(options =>
            {
                options.SetIssuer(new Uri(settings.Issuer));
                options.SetAuthorizationEndpointUris(OidcPaths.RelativeToIssuer(OidcPaths.Authorize))
                    .SetTokenEndpointUris(OidcPaths.RelativeToIssuer(OidcPaths.Token))
                    .SetRevocationEndpointUris(OidcPaths.RelativeToIssuer(OidcPaths.Revocation))
                    .SetUserInfoEndpointUris(OidcPaths.RelativeToIssuer(OidcPaths.UserInfo))
                    .SetEndSessionEndpointUris(OidcPaths.RelativeToIssuer(OidcPaths.EndSession))
                    .SetJsonWebKeySetEndpointUris(OidcPaths.RelativeToIssuer(OidcPaths.JsonWebKeySet))
                    .SetDeviceAuthorizationEndpointUris(OidcPaths.RelativeToIssuer(OidcPaths.DeviceAuthorization))
                    .SetEndUserVerificationEndpointUris(OidcPaths.RelativeToIssuer(OidcPaths.EndUserVerification));

                // No implicit, hybrid or password grant: only what PRODUCT.md §2 names, and the device
                // grant (RFC 8628) for the CLI on machines without a browser.
                options.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow().AllowDeviceAuthorizationFlow();

                // Advertised in discovery; API scopes also live in the scope store, tied to the API resource.
                options.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. PermissionNames.All.Keys, .. ManagementScopes.All.Keys]);
                options.RegisterClaims(Claims.Subject, Claims.Name, Claims.Nickname, Claims.Picture, Claims.UpdatedAt,
                    Claims.Email, Claims.EmailVerified, Claims.AuthenticationTime, Claims.AuthenticationMethodReference,
                    Claims.AuthenticationContextReference, ApiResource.EmailClaim, ApiResource.PermissionsClaim);
                options.RegisterResources(settings.ApiAudience, ManagementScopes.AudienceFor(settings.Issuer));
                // APIs are registered at run time too: requested resources are checked against the ResourceServers table.
                options.DisableResourceValidation();
                options.AddEventHandler(ApiTokenHandlers.ValidateAuthorizationResources);
                options.AddEventHandler(ApiTokenHandlers.ValidateTokenResources);
                options.AddEventHandler(ApiTokenHandlers.ApplyApiSettings);

                // PKCE for every code request, and only S256: "plain" is neither accepted nor advertised.
                options.RequireProofKeyForCodeExchange();
                options.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                // Reuse of a redeemed refresh token revokes the whole grant at once: no grace window (RFC 9700 §4.14).
                options.SetRefreshTokenReuseLeeway(null);
                // One handler marks codes and refresh tokens redeemed, exactly once (see its note).
                options.RemoveEventHandler(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor);
                options.AddEventHandler(RedeemTokenOnce.Descriptor);
                options.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                options.SetRefreshTokenLifetime(settings.RefreshTokenLifetime);

                // Short consonant user codes (see DeviceFlowHandlers), guessed only through /activate's rate limit before they expire.
                options.SetDeviceCodeLifetime(settings.DeviceCodeLifetime).SetUserCodeLifetime(settings.DeviceCodeLifetime);
                options.SetUserCodeCharset([.. DeviceFlowHandlers.UserCodeCharset.Select(c => c.ToString())])
                    .SetUserCodeLength(DeviceFlowHandlers.UserCodeLength)
                    .SetUserCodeDisplayFormat(DeviceFlowHandlers.UserCodeDisplayFormat);

                // Plain signed JWTs so any API validates them from the JWKS alone.
                options.DisableAccessTokenEncryption();
                options.AddEventHandler(InternalTokenSigning.Descriptor);

                // NUL and control characters in any parameter: invalid_request, before any lookup.
                foreach (var descriptor in ReadableParameters.Descriptors)
                {
                    options.AddEventHandler(descriptor);
                }

                // Auth0 compatibility and always-listed scopes (see the handlers' notes).
                options.AddEventHandler(Auth0Compatibility.MapAudienceOnAuthorization);
                options.AddEventHandler(Auth0Compatibility.MapAudienceOnToken);
                options.AddEventHandler(Auth0Compatibility.MapAudienceOnDeviceAuthorization);
                options.AddEventHandler(Auth0Compatibility.MapReturnToOnEndSession);
                options.AddEventHandler(DeviceFlowHandlers.UpperCaseUserCode);
                options.AddEventHandler(DeviceFlowHandlers.ValidateResources);
                options.AddEventHandler(DeviceFlowHandlers.KeepRequestedResources);
                options.AddEventHandler(DeviceFlowHandlers.AttachPollingInterval);
                options.AddEventHandler(DeviceFlowHandlers.SlowDown);
                options.AddEventHandler(TokenResponseHandlers.AlwaysListGrantedScopes);
                options.AddEventHandler(TokenResponseHandlers.StoreOnlySingleUseTokens);
                options.AddEventHandler(TokenResponseHandlers.CheckTheGrantOfAccessTokens);
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
                    .EnableEndUserVerificationEndpointPassthrough()
                    .EnableStatusCodePagesIntegration()
                    // Compact JSON on every response OpenIddict writes (token, revocation, discovery, JWKS, errors), as Auth0 answers.
                    .SuppressJsonResponseIndentation();
                if (!settings.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        return services;
    }
}
