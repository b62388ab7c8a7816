using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Timesheets.Identity.Data;
using Timesheets.Identity.Tests.Infrastructure;
using Timesheets.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Tests.Oidc;

/// <summary>
/// A user token carries the user's permissions only as far as the client is registered for them:
/// a read-only client cannot receive approve:timesheets, and the user apps never batch:upload.
/// </summary>
public abstract class ClientLimitedPermissionsTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task ReadOnlyClient_ManagerLogsIn_TokenCarriesOnlyReadEvenAfterRefresh()
    {
        var (clientId, redirect) = await RegisterClientAsync([PermissionNames.Read]);
        using var client = Host.CreateOidcClient();

        var tokens = await client.LoginAsync(IdentityHost.Manager, IdentityHost.DemoPassword, clientId: clientId, redirectUri: redirect);
        await AssertOnlyReadAsync(client, tokens);

        var refreshed = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(tokens.RefreshToken!, clientId));
        await AssertOnlyReadAsync(client, refreshed);
    }

    [Theory]
    [InlineData(OidcTestClient.MobileClient, OidcTestClient.MobileRedirect)]
    [InlineData(OidcTestClient.CliClient, "http://127.0.0.1:49153/callback")]
    public async Task UserApp_RoleGrantsBatchUpload_TokenNeverCarriesIt(string clientId, string redirect)
    {
        var email = await CreateUserWithBatchUploadRoleAsync();
        using var client = Host.CreateOidcClient();

        var tokens = await client.LoginAsync(email, IdentityHost.DemoPassword, clientId: clientId, redirectUri: redirect);
        var refreshed = await OidcTestClient.ExpectTokensAsync(await client.RefreshAsync(tokens.RefreshToken!, clientId));

        foreach (var token in new[] { tokens, refreshed })
        {
            Assert.DoesNotContain(PermissionNames.BatchUpload, token.Scopes);
            var jwt = await Jwks.ValidateAsync(client.Http, token.AccessToken, IdentityHost.ApiAudience);
            Assert.DoesNotContain(PermissionNames.BatchUpload, Flows.CodeFlowTests.Permissions(jwt));
            Assert.Contains(PermissionNames.Read, Flows.CodeFlowTests.Permissions(jwt));
        }
    }

    private static async Task AssertOnlyReadAsync(OidcTestClient client, TokenResponse tokens)
    {
        Assert.DoesNotContain(PermissionNames.Approve, tokens.Scopes);
        Assert.DoesNotContain(PermissionNames.Create, tokens.Scopes);
        var jwt = await Jwks.ValidateAsync(client.Http, tokens.AccessToken, IdentityHost.ApiAudience);
        Assert.Equal([PermissionNames.Read], Flows.CodeFlowTests.Permissions(jwt));
        Assert.DoesNotContain(PermissionNames.Approve, jwt.GetClaim("scope").Value.Split(' '));
    }

    /// <summary>A public native client, registered as an operator would, allowed only the given API scopes.</summary>
    private async Task<(string ClientId, string Redirect)> RegisterClientAsync(string[] apiScopes)
    {
        var clientId = $"readonly-{Guid.NewGuid():N}";
        var redirect = "com.exampleco.readonly:/callback";
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            DisplayName = "Read-only reports",
        };
        descriptor.RedirectUris.Add(new Uri(redirect));
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Email,
            Permissions.Prefixes.Resource + IdentityHost.ApiAudience,
        ]);
        descriptor.Permissions.UnionWith(apiScopes.Select(s => Permissions.Prefixes.Scope + s));
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor);
        return (clientId, redirect);
    }

    /// <summary>A user whose roles grant batch:upload besides the employee's permissions (a role of its own, so other tests are untouched).</summary>
    private async Task<string> CreateUserWithBatchUploadRoleAsync()
    {
        var email = await fixture.CreateUserAsync(Roles.Employee);
        await using var scope = Host.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<ApplicationRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
        var role = new ApplicationRole($"Uploader-{Guid.NewGuid():N}");
        Assert.True((await roles.CreateAsync(role)).Succeeded);
        db.RolePermissions.Add(new RolePermission { RoleId = role.Id, PermissionName = PermissionNames.BatchUpload });
        await db.SaveChangesAsync();
        Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, role.Name!)).Succeeded);
        return email;
    }
}
