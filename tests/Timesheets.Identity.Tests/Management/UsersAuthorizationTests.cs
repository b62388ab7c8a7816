using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// Every users and roles endpoint, read from the server's route table (a new endpoint cannot be
/// forgotten): a token for the Timesheets API gets 401, an employee's Management API token 403.
/// </summary>
public abstract class UsersAuthorizationTests(IdentityFixture fixture)
{
    private static readonly string[] Prefixes = ["/api/v2/users", "/api/v2/roles", "/api/v2/tickets", "/api/v2/user-blocks"];

    private IdentityHost Host => fixture.Host;

    private List<(string Method, string Path)> Endpoints() =>
    [
        .. Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => Prefixes.Any(p => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                (m, "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{id}", "some-id", StringComparison.Ordinal)))),
    ];

    [Fact]
    public async Task EveryEndpoint_TimesheetsApiToken_Gets401_EmployeeManagementToken_Gets403()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 21, $"only {endpoints.Count} endpoints found");

        using var oidc = Host.CreateOidcClient();
        var apiToken = (await oidc.LoginAsync(IdentityHost.Admin, IdentityHost.DemoPassword)).AccessToken;
        using var employee = await ManagementSession.ClientAsync(Host, IdentityHost.Employee);
        using var plain = Host.CreateClient();
        plain.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        using var anonymous = Host.CreateClient();

        foreach (var (method, path) in endpoints)
        {
            Assert.Equal((method, path, HttpStatusCode.Unauthorized), (method, path, (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path))).StatusCode));
            Assert.Equal((method, path, HttpStatusCode.Unauthorized), (method, path, (await plain.SendAsync(new HttpRequestMessage(new HttpMethod(method), path))).StatusCode));
            var forbidden = await employee.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal((method, path, HttpStatusCode.Forbidden), (method, path, forbidden.StatusCode));
            Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        }
    }
}
