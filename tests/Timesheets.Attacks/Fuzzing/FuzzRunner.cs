using System.Collections.Concurrent;
using Timesheets.Attacks.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>Sends generated requests a few at a time and collects every answer that breaks a rule.</summary>
internal static class FuzzRunner
{
    public delegate string? Check(FuzzRequest request, HttpResponseMessage response, string body);

    public static Task<IReadOnlyList<string>> RunAsync(AttackFixture fixture, HttpClient client, IReadOnlyList<FuzzRequest> requests, Check check) =>
        RunAsync(client, requests, check, [fixture.Identity.Logs, fixture.Api.Logs], caller => fixture.TokenAsync(Caller.Named(caller)));

    /// <summary>
    /// Sends <paramref name="requests"/> through <paramref name="client"/>; <paramref name="logs"/> are the hosts' logs, whose
    /// exceptions go into the failure file; <paramref name="tokenOf"/> fetches the bearer token of a request's caller.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(HttpClient client, IReadOnlyList<FuzzRequest> requests, Check check,
        IReadOnlyList<LogCapture> logs, Func<string, Task<string>>? tokenOf = null)
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, cancellationToken) =>
        {
            var bearer = request.AsCaller is null || tokenOf is null ? null : await tokenOf(request.AsCaller);
            using var message = request.ToMessage(bearer);
            try
            {
                using var response = await client.SendAsync(message, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var problem = (int)response.StatusCode >= 500 ? "a 5xx" : check(request, response, body);
                if (problem is not null)
                {
                    failures.Add($"{request} → {(int)response.StatusCode} {response.Content.Headers.ContentType}: {problem}; body: {Trim(body)}");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The in-process server surfaces an unhandled exception here instead of a 500.
                failures.Add($"{request} → exception {e.GetType().Name}: {Trim(e.Message)}");
            }
        });
        var sorted = failures.OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (sorted.Count > 0)
        {
            // The assertion message shows the first few; the whole list goes to a file for triage.
            var file = Path.Combine(Path.GetTempPath(), $"timesheets-fuzz-{requests[0].Index}-{sorted.Count}.txt");
            // Server-side exceptions of the run, one per distinct message, so a 500 leads straight to its cause.
            var exceptions = logs.SelectMany(l => l.Lines).Where(l => l.Exception is not null)
                .GroupBy(l => l.Exception!.Split('\n')[0]).Select(g => $"{g.Count()}× [{g.First().Category}] {g.First().Exception}");
            await File.WriteAllLinesAsync(file, sorted.Concat(["", "Server exceptions:"]).Concat(exceptions));
            sorted.Insert(0, $"all failures: {file}");
        }

        return sorted;
    }

    public static IReadOnlyList<string> Changes(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        [.. before.Where(b => after[b.Key] != b.Value).Select(b => $"{b.Key} {b.Value} → {after[b.Key]}")];

    public static string Report(IReadOnlyList<string> failures) =>
        $"{failures.Count} request(s) broke a rule:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(25))}";

    private static string Trim(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
