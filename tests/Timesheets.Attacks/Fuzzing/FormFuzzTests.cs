using System.Text.Json;
using Timesheets.Attacks.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>
/// Every parameter of Identity's form-encoded and query-string endpoints given every hostile value
/// of <see cref="FormFuzz"/>, on SQLite and on PostgreSQL (which refuses NUL in text at the database,
/// a 500 unless the server refuses it first): never a 5xx; NUL and control characters refused as an
/// OAuth <c>invalid_request</c> or a 400 page; no row written.
/// </summary>
public abstract class FormFuzzTests(FormFuzzFixture fixture)
{
    [Fact]
    public async Task EveryIdentityFormAndQueryParameter_HostileValues_NeverA5xxControlCharactersRefusedNothingWritten()
    {
        var requests = FormFuzz.Requests(FormFuzz.Targets(fixture.Antiforgery)).ToList();
        var before = await fixture.RowCountsAsync();

        var failures = await FuzzRunner.RunAsync(fixture.Browser.Http, requests, Check, [fixture.Identity.Logs]);

        var changed = FuzzRunner.Changes(before, await fixture.RowCountsAsync());
        Assert.True(failures.Count == 0 && changed.Count == 0, $"{requests.Count} requests. Rows changed: {string.Join(", ", changed)}{Environment.NewLine}{FuzzRunner.Report(failures)}");
    }

    private static string? Check(FuzzRequest request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var path = request.Target.Split('?')[0];
        if (path is "/oauth/token" or "/oauth/revoke")
        {
            var error = OAuthError(body);
            return request.MustRefuse ? (error == "invalid_request" ? null : $"not invalid_request but {error ?? "no OAuth error"}")
                : error is not null || (path == "/oauth/revoke" && status == 200) ? null : "not an RFC 6749 error";
        }

        if (!request.MustRefuse)
        {
            return status < 300 || (status < 400 && response.Headers.Location is not null) || status == 400 ? null : "neither a page, a redirect nor a 400";
        }

        // Refused: a 400 page (OpenIddict's error page names invalid_request), or the error sent back to a registered client.
        var location = response.Headers.Location?.OriginalString ?? "";
        return status == 400 || (status is 302 or 303 && location.Contains("error=invalid_request", StringComparison.Ordinal)) ? null
            : $"not refused ({status} {location})";
    }

    private static string? OAuthError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>An Identity host of its own per provider, and a browser-like client holding the login page's antiforgery cookie and token.</summary>
public abstract class FormFuzzFixture(string provider) : IAsyncLifetime
{
    public IdentityHost Identity { get; private set; } = null!;

    public OidcTestClient Browser { get; private set; } = null!;

    public string Antiforgery { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Identity = new IdentityHost(await TestDatabase.CreateAsync(provider, "formfuzz"));
        Browser = Identity.CreateOidcClient();
        Antiforgery = OidcTestClient.AntiforgeryToken(await Browser.Http.GetStringAsync("/account/login"));
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        await RowCounts.AddAsync(Identity.Database, "identity", RowCounts.IdentityTables, counts);
        return counts;
    }
}

public sealed class SqliteFormFuzzFixture() : FormFuzzFixture("Sqlite");

public sealed class PostgresFormFuzzFixture() : FormFuzzFixture("Postgres");

public sealed class FormFuzzTestsOnSqlite(SqliteFormFuzzFixture fixture) : FormFuzzTests(fixture), IClassFixture<SqliteFormFuzzFixture>;

public sealed class FormFuzzTestsOnPostgres(PostgresFormFuzzFixture fixture) : FormFuzzTests(fixture), IClassFixture<PostgresFormFuzzFixture>;
