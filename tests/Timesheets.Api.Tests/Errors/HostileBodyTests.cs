using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Data;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Errors;

/// <summary>Malformed and hostile bodies at every endpoint that takes one: always 4xx problem+json, never 500, nothing stored.</summary>
public abstract class HostileBodyTests(ApiFixture fixture)
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "broken JSON", """{"date":"2026-01-01","project":""" },
        { "not JSON", "hello" },
        { "wrong types", """{"date":123,"project":["Internal"],"hours":"7","notes":{"a":1},"name":5,"reason":true,"ids":"1","action":7}""" },
        { "huge number", """{"date":"2026-01-01","project":"Internal","hours":1e400,"ids":[1e400]}""" },
        { "NaN", """{"date":"2026-01-01","project":"Internal","hours":NaN}""" },
        { "NaN as string", """{"date":"2026-01-01","project":"Internal","hours":"NaN"}""" },
        { "bad date", """{"date":"2026-02-30","project":"Internal","hours":1}""" },
        { "deep nesting", new string('[', 5000) + new string(']', 5000) },
        { "deep object", string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000) },
        { "10 MB string", "{\"notes\":\"" + new string('x', 10 * 1024 * 1024) + "\",\"name\":\"" + "y" + "\"}" },
        { "empty", "" },
        { "null", "null" },
    };

    private static readonly (string Method, string Path, string User)[] Endpoints =
    [
        ("POST", "/timesheets", IdentityHost.Employee),
        ("PUT", "/timesheets/{entry}", IdentityHost.Employee),
        ("POST", "/approvals/{entry}/reject", IdentityHost.Manager),
        ("POST", "/approvals/bulk", IdentityHost.Manager),
        ("POST", "/projects", IdentityHost.Admin),
        ("PUT", "/projects/1", IdentityHost.Admin),
        ("POST", "/timesheets/upload", OidcTestClient.ImportClient),
    ];

    private async Task<long[]> CountsAsync()
    {
        await using var scope = fixture.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
        return [await db.Entries.CountAsync(), await db.Projects.CountAsync(), await db.Changes.CountAsync(), await db.AuditEvents.CountAsync()];
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task HostileBody_AtEveryEndpoint_Returns4xxProblemAndStoresNothing(string kind, string body)
    {
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var entry = (await employee.CreateEntryAsync(fixture.NextDay())).GetProperty("id").GetInt64();
        var before = await CountsAsync();
        foreach (var (method, path, user) in Endpoints)
        {
            using var client = await fixture.ClientAsync(user);
            using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{entry}", entry.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{kind} at {method} {path}: {status} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task HostileCsv_UnclosedQuoteAndHugeField_Returns400AndStoresNothing()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var before = await CountsAsync();
        var unclosed = "user_id,date,project,hours,external_id\na@b.c,2026-01-01,\"Internal,1,x\n";
        await (await machine.PostRawAsync("/timesheets/upload", unclosed, "text/csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var huge = "user_id,date,project,hours,notes\na@b.c,2026-01-01,Internal,1," + new string('n', 1024 * 1024) + "\n";
        await (await machine.PostRawAsync("/timesheets/upload", huge, "text/csv")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountsAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HostileBodyTestsOnSqlite(SqliteApiFixture fixture) : HostileBodyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HostileBodyTestsOnPostgres(PostgresApiFixture fixture) : HostileBodyTests(fixture);
