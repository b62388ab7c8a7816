using System.Net;
using System.Text;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Security;

/// <summary>
/// Every authenticated answer carries personal data or speaks of it: <c>Cache-Control: no-store</c>
/// on every operation of the OpenAPI document, whatever its status, for callers with and without
/// the operation's scope; the first page's ETag still gives 304 to a client that sends it.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class NoStoreTests(SqliteApiFixture fixture)
{
    [Fact]
    public async Task EveryAuthenticatedAnswer_OfEveryOperation_IsNoStore()
    {
        using var anonymous = await fixture.ClientAsync(null);
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var entry = (await employee.CreateEntryAsync(fixture.NextDay())).GetProperty("id").GetInt64();
        var operations = (await ApiDocument.BodiesAsync(anonymous)).Concat(await ApiDocument.QueriesAsync(anonymous))
            .Select(o => (o.Method, o.Path)).ToHashSet();
        using (var document = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")))
        {
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                operations.UnionWith(path.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "delete").Select(o => (o.Name.ToUpperInvariant(), path.Name)));
            }
        }

        var failures = new List<string>();
        foreach (var (method, template) in operations.Where(o => !o.Path.StartsWith("/health", StringComparison.Ordinal)))
        {
            var path = template.Replace("{id}", entry.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            path += path == "/reports/summary" ? "?from=2026-01-01&to=2026-01-31" : "";
            // The employee has some operations' scopes and not others': 2xx, 4xx and 403 answers alike.
            foreach (var user in new[] { IdentityHost.Employee, IdentityHost.Admin, OidcTestClient.ImportClient })
            {
                using var client = await fixture.ClientAsync(user);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                if (response.Headers.CacheControl?.NoStore != true)
                {
                    failures.Add($"{user} {method} {path}: {(int)response.StatusCode}, Cache-Control: {response.Headers.CacheControl}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task FirstPage_IsNoStore_AndIfNoneMatchStillGets304()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Contractor);
        await client.CreateEntryAsync(fixture.NextDay());
        var first = await client.GetAsync("/timesheets");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoStore);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/timesheets");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.True(notModified.Headers.CacheControl?.NoStore);
    }
}
