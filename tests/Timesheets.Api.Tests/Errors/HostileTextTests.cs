using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Data;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Errors;

/// <summary>
/// Every string field of every body the OpenAPI document publishes, every CSV column of the upload
/// and every query parameter, given text that is not text (<see cref="HostileText"/>): a 400 problem
/// that names the field, and nothing stored. On PostgreSQL NUL used to reach the database (500).
/// </summary>
public abstract class HostileTextTests(ApiFixture fixture)
{
    public static TheoryData<HostileString> Kinds => new(HostileText.All);

    /// <summary>Who may call an operation that needs a scope (the first scope it lists).</summary>
    private static string UserFor(IReadOnlyList<string> scopes) => (scopes.Count > 0 ? scopes[0] : null) switch
    {
        "approve:timesheets" => IdentityHost.Manager,
        "manage:projects" or "read:audit" => IdentityHost.Admin,
        "batch:upload" => OidcTestClient.ImportClient,
        _ => IdentityHost.Employee,
    };

    private async Task<long[]> CountsAsync()
    {
        await using var scope = fixture.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
        return [await db.Entries.CountAsync(), await db.Projects.CountAsync(), await db.Changes.CountAsync(), await db.AuditEvents.CountAsync()];
    }

    private async Task<(string Status, string Body)> SendAsync(string user, string method, string path, string? contentType, byte[]? body)
    {
        using var client = await fixture.ClientAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ($"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}", text);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task HostileText_InEveryBodyFieldAndCsvColumn_Returns400NamingTheFieldAndStoresNothing(HostileString text)
    {
        using var anonymous = await fixture.ClientAsync(null);
        var bodies = await ApiDocument.BodiesAsync(anonymous);
        Assert.Contains(bodies, b => b.ContentType == "text/csv");
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        var entry = (await employee.CreateEntryAsync(fixture.NextDay())).GetProperty("id").GetInt64();
        var before = await CountsAsync();
        var failures = new List<string>();
        foreach (var input in bodies)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(input.Path, "\\{[^}]+\\}", entry.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var field in input.Fields)
            {
                var body = input.ContentType == "text/csv"
                    ? CsvWith(input.Fields, field, text.Csv)
                    : [.. Encoding.UTF8.GetBytes((input.IsArray ? "[{\"" : "{\"") + field.Name + "\":"), .. text.Json, .. Encoding.UTF8.GetBytes(input.IsArray ? "}]" : "}")];
                var (status, answer) = await SendAsync(UserFor(input.Scopes), input.Method, path, input.ContentType, body);
                // The problem names the field: in errors (bodies), errors[].field (upload rows), or the
                // detail; a CSV body that is not UTF-8 is refused whole, before its columns are known.
                var named = answer.Contains($"\"{field.Name}\"", StringComparison.Ordinal) || answer.Contains($"$.{field.Name}", StringComparison.Ordinal)
                    || (input.ContentType == "text/csv" && answer.Contains("UTF-8", StringComparison.Ordinal));
                if (status != "400 application/problem+json" || !named)
                {
                    failures.Add($"{input} {field.Name}: {status} {answer}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>A header naming every column and one row whose <paramref name="field"/> holds <paramref name="bytes"/>.</summary>
    private static byte[] CsvWith(IReadOnlyList<ApiField> fields, ApiField field, byte[] bytes)
    {
        var csv = new List<byte>(Encoding.UTF8.GetBytes(string.Join(',', fields.Select(f => f.Name)) + "\n"));
        foreach (var (column, i) in fields.Select((f, i) => (f, i)))
        {
            csv.AddRange(i == 0 ? [] : [(byte)',']);
            csv.AddRange(column == field ? bytes : "x"u8.ToArray());
        }

        csv.Add((byte)'\n');
        return [.. csv];
    }

    [Fact]
    public async Task ControlCharacterOrUndecodableBytes_InEveryQueryParameter_Returns400NamingItOrIsIgnored()
    {
        using var anonymous = await fixture.ClientAsync(null);
        var queries = await ApiDocument.QueriesAsync(anonymous);
        Assert.NotEmpty(queries);
        var failures = new List<string>();
        foreach (var input in queries)
        {
            foreach (var field in input.Fields)
            {
                // NUL reached PostgreSQL as a filter value (500); undecodable escapes stay plain text.
                foreach (var value in new[] { "a%00b", "%1B", "%FF%FE", "%C0%AF", "%ED%A0%80" })
                {
                    var target = $"{input.Path.Replace("{id}", "1", StringComparison.Ordinal)}?{field.Name}={value}";
                    var (status, answer) = await SendAsync(UserFor(input.Scopes), input.Method, target, null, null);
                    var control = value is "a%00b" or "%1B";
                    if (status.StartsWith('5') || (control && (status != "400 application/problem+json" || !answer.Contains($"\"{field.Name}\"", StringComparison.OrdinalIgnoreCase))))
                    {
                        failures.Add($"{input.Method} {target}: {status} {answer}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HostileTextTestsOnSqlite(SqliteApiFixture fixture) : HostileTextTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HostileTextTestsOnPostgres(PostgresApiFixture fixture) : HostileTextTests(fixture);
