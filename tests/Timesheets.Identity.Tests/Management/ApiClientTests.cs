using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// The Timesheets API's own machine client (<c>timesheets-api</c>, <c>Clients:ApiSecret</c>): a token for
/// the Management API with <c>read:users</c> and nothing else, which looks people up by email and can
/// change nothing; never a token for the Timesheets API.
/// </summary>
public abstract class ApiClientTests(IdentityFixture fixture)
{
    private const string ApiClient = "timesheets-api";

    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task ApiClient_AsksForManagementApi_GetsReadUsersOnly_AndLooksUpByEmail()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync(ApiClient, IdentityHost.ApiSecret,
            scope: ManagementScopes.ReadUsers, audience: OidcTestClient.ManagementAudience));

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal([OidcTestClient.ManagementAudience], jwt.Audiences);
        Assert.Equal(new[] { ManagementScopes.ReadUsers }, tokens.Scopes);

        using var management = Host.CreateClient();
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var found = JsonDocument.Parse(await management.GetStringAsync($"/api/v2/users-by-email?email={Uri.EscapeDataString(IdentityHost.Employee.ToUpperInvariant())}")).RootElement;
        Assert.Equal(IdentityHost.Employee, Assert.Single(found.EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(403, (int)(await management.GetAsync("/api/v2/roles")).StatusCode);
    }

    [Fact]
    public async Task ApiClient_AsksForAnotherManagementScope_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        var error = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(ApiClient, IdentityHost.ApiSecret,
            scope: $"{ManagementScopes.ReadUsers} {ManagementScopes.DeleteUsers}", audience: OidcTestClient.ManagementAudience));

        // OpenIddict refuses a scope the client is not permitted with invalid_request (RFC 6749 also allows invalid_scope).
        Assert.Equal(400, error.Status);
        Assert.Contains(error.Error, new[] { "invalid_scope", "invalid_request" });
    }

    [Fact]
    public async Task ApiClient_AsksForTimesheetsApi_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        var error = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(ApiClient, IdentityHost.ApiSecret));

        Assert.Equal(400, error.Status);
        Assert.Contains(error.Error, new[] { "invalid_target", "invalid_request", "unauthorized_client" });
    }

    [Fact]
    public async Task ApiClient_WithTheImportSecret_IsRefused()
    {
        using var client = Host.CreateOidcClient();
        var error = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(ApiClient, IdentityHost.ImportSecret, audience: OidcTestClient.ManagementAudience));

        Assert.Equal("invalid_client", error.Error);
    }
}
