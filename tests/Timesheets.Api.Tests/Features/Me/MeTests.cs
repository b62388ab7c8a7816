using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Me;

public abstract class MeTests(ApiFixture fixture)
{
    [Fact]
    public async Task Me_EmployeeToken_ReturnsSubEmailAndScopes()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        var me = await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(me.GetProperty("sub").GetString()));
        Assert.Equal(IdentityHost.Employee, me.GetProperty("email").GetString());
        var scopes = me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("read:timesheets", scopes);
        Assert.DoesNotContain("approve:timesheets", scopes);
    }

    [Fact]
    public async Task Me_MachineClient_HasBatchUploadOnly()
    {
        using var client = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var me = await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(OidcTestClient.ImportClient, me.GetProperty("sub").GetString());
        Assert.Equal(["batch:upload"], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Where(s => s!.Contains(':', StringComparison.Ordinal)).ToList());
    }

    [Fact]
    public async Task Health_LiveAndReady_AnswerHealthyWithoutToken()
    {
        using var client = await fixture.ClientAsync(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesEndpointsAndBearerScheme()
    {
        using var client = await fixture.ClientAsync(null);
        var doc = await (await client.GetAsync("/openapi/v1.json")).AssertStatusAsync(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/timesheets", "/timesheets/{id}", "/approvals", "/approvals/{id}", "/timesheets/upload", "/projects", "/reports/summary", "/timesheets/changes", "/me", "/audit" })
        {
            Assert.Contains(path, paths);
        }

        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var put = doc.GetProperty("paths").GetProperty("/timesheets/{id}").GetProperty("put");
        var responses = put.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Equal(["200", "400", "401", "403", "404", "409", "412"], responses.Order(StringComparer.Ordinal));
        Assert.Contains("create:timesheets", put.GetProperty("security")[0].GetProperty("Bearer")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar")).StatusCode);

        // [Range(0.01, MaxHoursPerDay)] on the request: more than 0 with two decimals at most is at
        // least 0.01, inclusive both ends, so no exclusiveMinimum and the bounds the API enforces.
        var hours = doc.GetProperty("components").GetProperty("schemas").GetProperty("EntryRequest").GetProperty("properties").GetProperty("hours");
        Assert.Equal(0.01m, hours.GetProperty("minimum").GetDecimal());
        Assert.Equal(EntryLimits.MaxHoursPerDay, hours.GetProperty("maximum").GetDecimal());
        Assert.False(hours.TryGetProperty("exclusiveMinimum", out _) || hours.TryGetProperty("exclusiveMaximum", out _), hours.GetRawText());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MeTestsOnSqlite(SqliteApiFixture fixture) : MeTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class MeTestsOnPostgres(PostgresApiFixture fixture) : MeTests(fixture);
