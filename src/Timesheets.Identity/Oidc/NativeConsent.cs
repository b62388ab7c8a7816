using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// RFC 8252 §8.6: which authorization requests may not be answered from the session alone.
/// </summary>
/// <remarks>
/// The mark is the request's redirect, not a flag on the client: what matters is whether the code can
/// reach someone other than the registered app. A loopback redirect (any local process may listen on
/// the port; the CLI's matches every port) or a private-use scheme (any app may claim it) can; an
/// <c>https</c> redirect to a named host reaches only that host (TLS). And it matters only for public
/// clients: a confidential client's code is useless without its secret. So one client can have both
/// kinds (the mobile app: custom scheme natively, <c>https</c> as a PWA) and be treated by the redirect
/// it uses this time.
/// </remarks>
internal static class NativeConsent
{
    public static async Task<bool> IsRequiredAsync(OpenIddictRequest request, IOpenIddictApplicationManager applications,
        CancellationToken cancellationToken)
    {
        if (ReachesOnlyItsHost(request.RedirectUri))
        {
            return false;
        }

        // OpenIddict has validated the client by now; an unknown one would still not go through silently.
        var application = request.ClientId is { } clientId ? await applications.FindByClientIdAsync(clientId, cancellationToken) : null;
        return application is null || await applications.HasClientTypeAsync(application, ClientTypes.Public, cancellationToken);
    }

    private static bool ReachesOnlyItsHost(string? redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !uri.IsLoopback;
}
