using OpenIddict.Server;
using Timesheets.Identity.Keys;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Which key signs which token. Authorization codes and refresh tokens are read by this server alone
/// (and are encrypted with its AES key besides), so the HMAC key signs them: an RSA-2048 signature
/// costs about 0.3 ms of CPU, an HMAC a few microseconds. Everything another party verifies (access
/// tokens for the APIs, ID tokens for the apps) is signed by the key ring's active RS256 or ES256 key.
/// The choice is made here, by key id, because OpenIddict would take its first key (symmetric keys
/// sort first, so access tokens would be HMAC-signed), and its sort keeps no order among the
/// asymmetric keys (a retired key could sign again). The key is the first of the ring's order that can
/// sign at this moment (a next key starts on time, a retired one stops on time, whatever the reload
/// interval) and that this request's options hold (a request that began before a reload keeps its own set).
/// </summary>
internal sealed class InternalTokenSigning(KeyRing ring, TimeProvider clock) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<InternalTokenSigning>()
            .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        var internalToken = context.TokenType is TokenTypeIdentifiers.RefreshToken or TokenTypeIdentifiers.Private.AuthorizationCode;
        var now = clock.GetUtcNow();
        var keys = internalToken ? ring.InternalSigningKeys : ring.SigningKeys;
        var signers = keys.Where(key => key.CanSignAt(now)).ToList();
        context.SigningCredentials = signers
            .Select(key => context.Options.SigningCredentials.Find(credentials => credentials.Key.KeyId == key.Id))
            .FirstOrDefault(credentials => credentials is not null)
            // The ring was reloaded after this request's options were built, and only a key they do not
            // hold can sign now (a revoked key's published successor, promoted): build its credentials
            // here rather than fail with a 500 until the options are rebuilt a moment later.
            ?? (signers.Count == 0 ? null : internalToken ? KeyRingServerOptions.ToInternalCredentials(signers[0]) : KeyRingServerOptions.ToCredentials(signers[0]))
            ?? throw new InvalidOperationException("No key of the key ring can sign now; run rotate-keys or restart to create one.");
        return default;
    }
}
