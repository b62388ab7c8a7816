using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Security;

/// <summary>Each role reaches what its permissions allow, and gets 403 insufficient_scope elsewhere.</summary>
public abstract class ScopeTests(ApiFixture fixture)
{
    public static TheoryData<string, string, string> Forbidden => new()
    {
        { IdentityHost.Employee, "GET", "/approvals" },
        { IdentityHost.Contractor, "PUT", "/approvals/1" },
        { IdentityHost.Employee, "POST", "/timesheets/upload" },
        { IdentityHost.Manager, "POST", "/timesheets/upload" },
        { IdentityHost.Manager, "POST", "/projects" },
        { IdentityHost.Employee, "GET", "/audit" },
        { IdentityHost.Manager, "GET", "/audit" },
        { OidcTestClient.ImportClient, "GET", "/timesheets" },
        { OidcTestClient.ImportClient, "POST", "/timesheets" },
        { OidcTestClient.ImportClient, "GET", "/approvals" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task Endpoint_WithoutItsScope_Returns403InsufficientScope(string user, string method, string path)
    {
        using var client = await fixture.ClientAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        var response = await client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IdentityHost.Employee, "/timesheets")]
    [InlineData(IdentityHost.Contractor, "/timesheets")]
    [InlineData(IdentityHost.Manager, "/approvals")]
    [InlineData(IdentityHost.Admin, "/approvals")]
    [InlineData(IdentityHost.Admin, "/audit")]
    [InlineData(IdentityHost.Employee, "/projects")]
    public async Task Endpoint_WithItsScope_Returns200(string user, string path)
    {
        using var client = await fixture.ClientAsync(user);
        await (await client.GetAsync(path)).AssertStatusAsync(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScopeTestsOnSqlite(SqliteApiFixture fixture) : ScopeTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ScopeTestsOnPostgres(PostgresApiFixture fixture) : ScopeTests(fixture);
