using System.Text.Json;
using Timesheets.Attacks.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>
/// Every field of every JSON body of both services and every CSV column of the upload, given lone
/// surrogates, bytes that are not UTF-8, overlong forms, control characters, deep nesting and wrong
/// types (<see cref="FieldFuzz"/>): never a 5xx, a problem (API) or an RFC 6749 error (Identity),
/// and no row written. The fields come from the API's OpenAPI document, so a new endpoint is fuzzed too.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class FieldFuzzTests(AttackFixture fixture)
{
    [Fact]
    public async Task EveryApiBodyFieldAndCsvColumn_HostileValues_AnswerProblemJsonAndWriteNothing()
    {
        using var client = fixture.Api.CreateClient();
        var bodies = await ApiDocument.BodiesAsync(client);
        Assert.Contains(bodies, b => b.ContentType == "text/csv" && b.Fields.Count >= 6);
        var requests = FieldFuzz.Api(bodies, scopes => Caller.All.First(c => !c.IsAnonymous && scopes.All(c.Scopes.Contains)).Name).ToList();
        await WarmUpAsync();
        var before = await fixture.RowCountsAsync();

        var failures = await FuzzRunner.RunAsync(fixture, client, requests, (_, response, _) =>
            (int)response.StatusCode < 400 ? "accepted"
            : response.Content.Headers.ContentType?.MediaType != "application/problem+json" ? "an error that is not application/problem+json"
            : null);

        var changed = FuzzRunner.Changes(before, await fixture.RowCountsAsync());
        Assert.True(failures.Count == 0 && changed.Count == 0, $"{requests.Count} requests. Rows changed: {string.Join(", ", changed)}{Environment.NewLine}{FuzzRunner.Report(failures)}");
    }

    [Fact]
    public async Task EveryIdentityJsonBodyParameter_HostileValues_AnswerOAuthErrorAndWriteNothing()
    {
        using var client = fixture.Identity.CreateClient();
        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var endpoints = new[] { "token_endpoint", "revocation_endpoint" }
            .Select(name => new Uri(discovery.RootElement.GetProperty(name).GetString()!).AbsolutePath).ToList();
        var requests = FieldFuzz.Identity(endpoints).ToList();
        _ = await fixture.TokenAsync(Caller.Machine);
        var before = await fixture.RowCountsAsync();

        var failures = await FuzzRunner.RunAsync(fixture, client, requests, (_, response, body) => IsOAuthError(body) ? null : "not an RFC 6749 error");

        var changed = FuzzRunner.Changes(before, await fixture.RowCountsAsync());
        Assert.True(failures.Count == 0 && changed.Count == 0, $"{requests.Count} requests. Rows changed: {string.Join(", ", changed)}{Environment.NewLine}{FuzzRunner.Report(failures)}");
    }

    private static bool IsOAuthError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task WarmUpAsync()
    {
        foreach (var caller in Caller.All.Where(c => !c.IsAnonymous))
        {
            using var api = await fixture.ApiClientAsync(caller);
            (await api.GetAsync("/me")).EnsureSuccessStatusCode();
        }
    }
}
