using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// OpenIddict's token manager, where revoking the tokens of a grant revokes the grant itself as well.
/// OpenIddict answers a reused code or refresh token by revoking the token rows of its grant; access
/// tokens have no row here (<see cref="TokenResponseHandlers.StoreOnlySingleUseTokens"/>), so the grant
/// is what <c>/userinfo</c> checks them against (<see cref="TokenResponseHandlers.CheckTheGrantOfAccessTokens"/>),
/// and it must end with its tokens.
/// </summary>
internal sealed class GrantRevokingTokenManager(
    IOpenIddictTokenCache<OpenIddictEntityFrameworkCoreToken> cache,
    ILogger<OpenIddictTokenManager<OpenIddictEntityFrameworkCoreToken>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictTokenStore<OpenIddictEntityFrameworkCoreToken> store,
    IOpenIddictAuthorizationManager authorizations)
    : OpenIddictTokenManager<OpenIddictEntityFrameworkCoreToken>(cache, logger, options, store)
{
    public override async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        if (await authorizations.FindByIdAsync(identifier, cancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
        }

        return await base.RevokeByAuthorizationIdAsync(identifier, cancellationToken);
    }
}
