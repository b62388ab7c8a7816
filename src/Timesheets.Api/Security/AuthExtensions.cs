using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Api.Configuration;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Security;

internal static class AuthExtensions
{
    /// <summary>
    /// Bearer JWTs from the configured issuer: metadata and keys through discovery (refetched every
    /// <c>Auth:KeysRefreshInterval</c>, see <see cref="JwksRefresh"/>, and when an unknown <c>kid</c> arrives), RS256 or ES256 only, exact issuer and audience, lifetime with a small skew.
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsReader.Read(configuration, AuthSettings.Section, new AuthSettingsValidator());
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = settings.Issuer;
            options.Audience = settings.Audience;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            // Keep claim names as issued (sub, scope, permissions) instead of WS-Fed URIs.
            options.MapInboundClaims = false;
            options.RefreshOnIssuerKeyNotFound = true;
            // A new kid is looked up at most this often, so forged kids cannot hammer the issuer.
            options.RefreshInterval = settings.KeysRefreshInterval < TimeSpan.FromSeconds(30) ? settings.KeysRefreshInterval : TimeSpan.FromSeconds(30);
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                // Algorithm allow-list (Identity signs with RS256 or ES256): refuses alg=none and HS256 "signed" with the public key.
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = settings.ClockSkew,
                NameClaimType = "sub",
            };
            options.Events = new JwtBearerEvents
            {
                OnChallenge = BearerChallenge.WriteAsync,
                // Ownership is keyed on sub: a token without one would share an owner with every other such token.
                OnTokenValidated = context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst("sub")?.Value))
                    {
                        context.Fail("The access token has no sub claim.");
                    }

                    return Task.CompletedTask;
                },
            };
        });
        // After AddJwtBearer, so it replaces the configuration manager JwtBearer creates: revoked keys leave within the interval.
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, JwksRefreshSetup>();
        services.AddHostedService<JwksRefreshLoop>();
        services.AddAuthorizationBuilder().AddScopePolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeForbiddenHandler>();
        return services;
    }

    /// <summary>One policy per scope, named after the scope.</summary>
    private static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in ApiScopes.All)
        {
            builder.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasScope(scope)));
        }

        return builder;
    }
}
