using OpenIddict.Abstractions;
using SeededClients = Timesheets.Identity.Seeding.Clients;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Management.Clients;

/// <summary>Between OpenIddict's application descriptors and the Management API's client shape.</summary>
internal static class ClientMapping
{
    /// <summary>The applications the server seeds from its settings at every start: changed here, they would change back.</summary>
    public static readonly IReadOnlySet<string> SystemClients = new HashSet<string>(StringComparer.Ordinal) { SeededClients.Mobile, SeededClients.Cli, SeededClients.Import, SeededClients.Api };

    public static string AppTypeOf(OpenIddictApplicationDescriptor descriptor) =>
        descriptor.ClientType == ClientTypes.Confidential ? AppTypes.NonInteractive
        : descriptor.ApplicationType == ApplicationTypes.Native ? AppTypes.Native
        : AppTypes.Spa;

    public static ClientResponse ToResponse(this OpenIddictApplicationDescriptor descriptor, string? secret = null) => new()
    {
        ClientId = descriptor.ClientId!,
        Name = descriptor.DisplayName ?? descriptor.ClientId!,
        AppType = AppTypeOf(descriptor),
        Callbacks = [.. descriptor.RedirectUris.Select(u => u.OriginalString).Order(StringComparer.Ordinal)],
        AllowedLogoutUrls = [.. descriptor.PostLogoutRedirectUris.Select(u => u.OriginalString).Order(StringComparer.Ordinal)],
        GrantTypes = [.. descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.GrantType.Length..]).Order(StringComparer.Ordinal)],
        IsSystem = SystemClients.Contains(descriptor.ClientId!),
        ClientSecret = secret,
    };

    /// <summary>
    /// Sets what the kind of application and its grants imply (endpoints, response type, PKCE, client
    /// type) and its URLs; keeps the API access (<c>rst:</c>/<c>scp:</c> permissions) it has.
    /// </summary>
    public static void Apply(OpenIddictApplicationDescriptor descriptor, string appType, IReadOnlyList<string> grants,
        IReadOnlyList<string> callbacks, IReadOnlyList<string> logoutUrls)
    {
        descriptor.Permissions.RemoveWhere(p => !p.StartsWith(Permissions.Prefixes.Resource, StringComparison.Ordinal) &&
            !p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal));
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation]);
        descriptor.Permissions.UnionWith(grants.Select(g => Permissions.Prefixes.GrantType + g));
        descriptor.Requirements.Clear();
        descriptor.RedirectUris.Clear();
        descriptor.PostLogoutRedirectUris.Clear();
        if (appType == AppTypes.NonInteractive)
        {
            descriptor.ClientType = ClientTypes.Confidential;
            descriptor.ApplicationType = ApplicationTypes.Web;
            return;
        }

        descriptor.ClientType = ClientTypes.Public;
        // Native: loopback redirects match on any port (RFC 8252 §7.3) and private-use schemes are allowed.
        descriptor.ApplicationType = appType == AppTypes.Native ? ApplicationTypes.Native : ApplicationTypes.Web;
        descriptor.Permissions.UnionWith([Permissions.Scopes.Profile, Permissions.Scopes.Email]);
        if (grants.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        if (grants.Contains(GrantTypes.DeviceCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.DeviceAuthorization);
        }

        descriptor.RedirectUris.UnionWith(callbacks.Select(u => new Uri(u)));
        descriptor.PostLogoutRedirectUris.UnionWith(logoutUrls.Select(u => new Uri(u)));
    }
}
