using OpenIddict.Abstractions;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Seeding;

/// <summary>The three applications of PRODUCT.md §2, as OpenIddict descriptors.</summary>
internal static class Clients
{
    public const string Mobile = "timesheets-mobile";
    public const string Cli = "timesheets-cli";
    public const string Import = "timesheets-import";
    public const string Api = "timesheets-api";

    public const string MobileNativeRedirect = "com.exampleco.timesheets:/callback";
    public const string MobileNativeLogoutRedirect = "com.exampleco.timesheets:/logout";

    /// <summary>RFC 8252 loopback redirect: registered without a port, so any port matches.</summary>
    public const string CliLoopbackRedirect = "http://127.0.0.1/callback";

    /// <summary>API scopes a user app may ask for; users get their own permissions whatever they ask.</summary>
    private static readonly string[] UserApiScopes =
    [
        PermissionNames.Read, PermissionNames.Create, PermissionNames.Delete, PermissionNames.Approve,
        PermissionNames.ManageProjects, PermissionNames.ReadAudit,
    ];

    public static OpenIddictApplicationDescriptor MobileApp(IdentitySettings settings)
    {
        var descriptor = PublicApp(Mobile, "Timesheets mobile app", settings.ApiAudience);
        descriptor.RedirectUris.Add(new Uri(MobileNativeRedirect));
        foreach (var uri in settings.MobileRedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }

        descriptor.PostLogoutRedirectUris.Add(new Uri(MobileNativeLogoutRedirect));
        foreach (var uri in settings.MobilePostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        return descriptor;
    }

    public static OpenIddictApplicationDescriptor CliApp(IdentitySettings settings)
    {
        var descriptor = PublicApp(Cli, "Timesheets command line", settings.ApiAudience);
        descriptor.RedirectUris.Add(new Uri(CliLoopbackRedirect));
        descriptor.PostLogoutRedirectUris.Add(new Uri(CliLoopbackRedirect));
        // `timesheets login --device` on machines without a browser; the only client allowed the device grant.
        descriptor.Permissions.UnionWith([Permissions.Endpoints.DeviceAuthorization, Permissions.GrantTypes.DeviceCode]);
        // `timesheets admin …`: an admin's CLI may ask for the Management API; only the user's own permissions go in.
        descriptor.Permissions.Add(Permissions.Prefixes.Resource + ManagementScopes.AudienceFor(settings.Issuer));
        descriptor.Permissions.UnionWith(ManagementScopes.All.Keys.Select(s => Permissions.Prefixes.Scope + s));
        return descriptor;
    }

    public static OpenIddictApplicationDescriptor ImportJob(IdentitySettings settings, ClientSettings clients)
    {
        var descriptor = MachineApp(Import, clients.ImportSecret, "Timesheets batch import", settings.ApiAudience, PermissionNames.BatchUpload);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        return descriptor;
    }

    /// <summary>
    /// The Timesheets API's own machine client: client credentials for the Management API with
    /// <c>read:users</c> only, to check the people an upload names (<c>users-by-email</c>). Its token is for
    /// that API alone (<c>PrincipalFactory.CreateForClientAsync</c> grants only its scopes there).
    /// </summary>
    public static OpenIddictApplicationDescriptor TimesheetsApi(IdentitySettings settings, ClientSettings clients) =>
        MachineApp(Api, clients.ApiSecret, "Timesheets API (people lookups)", ManagementScopes.AudienceFor(settings.Issuer), ManagementScopes.ReadUsers);

    /// <summary>A confidential client of the client-credentials grant, for one API and the given scopes of it.</summary>
    private static OpenIddictApplicationDescriptor MachineApp(string clientId, string secret, string name, string audience, params string[] scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            DisplayName = name,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Resource + audience]);
        descriptor.Permissions.UnionWith(scopes.Select(s => Permissions.Prefixes.Scope + s));
        return descriptor;
    }

    private static OpenIddictApplicationDescriptor PublicApp(string clientId, string name, string audience)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            // Native: loopback redirects match on any port (RFC 8252 §7.3), custom schemes allowed.
            ApplicationType = ApplicationTypes.Native,
            DisplayName = name,
        };
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile,
            Permissions.Scopes.Email,
            Permissions.Prefixes.Resource + audience,
        ]);
        descriptor.Permissions.UnionWith(UserApiScopes.Select(s => Permissions.Prefixes.Scope + s));
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        return descriptor;
    }
}
