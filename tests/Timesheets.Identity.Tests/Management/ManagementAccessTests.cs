using System.Net;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// Every endpoint of applications, client grants, APIs, signing keys and logs refuses a token for the
/// Timesheets API (401) and a management token of a user without the permission (403), with problem+json.
/// </summary>
public abstract class ManagementAccessTests(IdentityFixture fixture)
{
    public static readonly (string Method, string Path)[] Endpoints =
    [
        ("GET", "/api/v2/clients"), ("POST", "/api/v2/clients"), ("GET", "/api/v2/clients/x"), ("PATCH", "/api/v2/clients/x"),
        ("DELETE", "/api/v2/clients/x"), ("POST", "/api/v2/clients/x/rotate-secret"),
        ("GET", "/api/v2/client-grants"), ("POST", "/api/v2/client-grants"), ("PATCH", "/api/v2/client-grants/x"), ("DELETE", "/api/v2/client-grants/x"),
        ("GET", "/api/v2/resource-servers"), ("POST", "/api/v2/resource-servers"), ("GET", "/api/v2/resource-servers/x"),
        ("PATCH", "/api/v2/resource-servers/x"), ("DELETE", "/api/v2/resource-servers/x"),
        ("GET", "/api/v2/keys/signing"), ("GET", "/api/v2/keys/signing/x"), ("POST", "/api/v2/keys/signing/rotate"), ("PUT", "/api/v2/keys/signing/x/revoke"),
        ("GET", "/api/v2/logs"), ("GET", "/api/v2/logs/1"),
    ];

    [Fact]
    public async Task EveryEndpoint_TimesheetsApiToken_Is401()
    {
        using var api = await ManagementCalls.WithTimesheetsApiTokenAsync(fixture.Host);
        foreach (var (method, path) in Endpoints)
        {
            var problem = await api.ExpectProblemAsync(new HttpMethod(method), path, new { }, HttpStatusCode.Unauthorized);
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task EveryEndpoint_EmployeesManagementToken_Is403()
    {
        using var employee = await ManagementCalls.ForUserAsync(fixture.Host, IdentityHost.Employee);
        foreach (var (method, path) in Endpoints)
        {
            await employee.ExpectProblemAsync(new HttpMethod(method), path, new { }, HttpStatusCode.Forbidden);
        }
    }
}
