using Timesheets.Attacks.Infrastructure;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>
/// Thousands of malformed requests at every operation the API publishes, with no token, a bogus
/// one, or a caller's real one: never a 5xx, every error problem+json, and no row written.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class ApiFuzzTests(AttackFixture fixture)
{
    private const int Seed = 20261127;
    private const int Requests = 3_000;

    [Fact]
    public async Task EveryEndpoint_FuzzedWithMalformedRequests_AnswersProblemJsonAndWritesNothing()
    {
        using var client = fixture.Api.CreateClient();
        var operations = await ApiOperation.ReadAllAsync(client);
        var requests = Generate(operations);
        await WarmUpAsync();
        var before = await fixture.RowCountsAsync();

        var failures = await FuzzRunner.RunAsync(fixture, client, requests, (_, response, _) =>
            (int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                ? "an error that is not application/problem+json"
                : null);

        // Both verdicts in one message: a rule broken and a row written are separate findings.
        var changed = FuzzRunner.Changes(before, await fixture.RowCountsAsync());
        Assert.True(failures.Count == 0 && changed.Count == 0, $"Rows changed: {string.Join(", ", changed)}{Environment.NewLine}{FuzzRunner.Report(failures)}");
    }

    private static List<FuzzRequest> Generate(IReadOnlyList<ApiOperation> operations)
    {
        var generator = new FuzzGenerator(Seed);
        string[] methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];
        var callers = Caller.All.Where(c => !c.IsAnonymous).Select(c => c.Name).ToList();
        var requests = new List<FuzzRequest>(Requests);
        for (var i = 0; i < Requests; i++)
        {
            var operation = operations[i % operations.Count];
            var method = generator.Chance(0.1) ? generator.Pick(methods) : operation.Method;
            var request = generator.Next(method, operation.Path);
            request = generator.Chance(0.45)
                ? request with { AsCaller = generator.Pick(callers) }
                : generator.BogusAuthorization() is { } bogus && generator.Chance(0.6)
                    ? request with { Headers = [.. request.Headers, new("Authorization", bogus)] }
                    : request;
            requests.Add(request);
        }

        return requests;
    }

    /// <summary>Every caller's token and first API call happen before counting: the API records a user it sees for the first time.</summary>
    private async Task WarmUpAsync()
    {
        foreach (var caller in Caller.All.Where(c => !c.IsAnonymous))
        {
            using var client = await fixture.ApiClientAsync(caller);
            (await client.GetAsync("/me")).EnsureSuccessStatusCode();
        }
    }
}
