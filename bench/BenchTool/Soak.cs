using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// <c>soak</c>: the simulated users of bench/soak.sh. Each user (one line of the emails file) logs in through the real
/// login form (code + PKCE) as it arrives (over the first 30 s), then until the time is up: lists its entries, creates one (with an <c>Idempotency-Key</c>,
/// notes starting with <c>prefix</c>), refreshes its tokens about every 30 s and logs in again about every 2 minutes,
/// with a short think time between requests. The approvers (the managers file) also approve pending entries: each
/// owner has one approver, so two approvers never race for the same entry and a 409 is a real error.
/// Every answer other than the one expected is an error. Prints one JSON line: requests, errors (with samples),
/// entries created (201, not replayed) and approved, and latency per operation.
/// </summary>
internal static class Soak
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string identity, string api, string password, string emailsFile, string approversList, int seconds, string prefix)
    {
        var emails = (await File.ReadAllLinesAsync(emailsFile)).Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
        var approvers = approversList.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var run = new Run(identity, password, prefix, Stopwatch.StartNew(), TimeSpan.FromSeconds(seconds), approvers,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(30) });
        await Task.WhenAll(emails.Select((email, i) => Task.Run(() => run.UserAsync(email, i))));
        Console.WriteLine(JsonSerializer.Serialize(run.Summary(emails.Length)));
        return 0;
    }

    private sealed class Run(string identity, string password, string prefix, Stopwatch clock, TimeSpan duration, string[] approvers, HttpClient api)
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
        private readonly ConcurrentDictionary<string, long> _errors = new();
        private readonly ConcurrentQueue<string> _samples = new();
        private long _created;
        private long _approved;

        public async Task UserAsync(string email, int index)
        {
            var random = new Random(index);
            // Users arrive over the first 30 s (a quarter of a shorter run), not all at one instant.
            await Task.Delay(random.Next(0, (int)Math.Min(30_000, duration.TotalMilliseconds / 4)));
            var tokens = await LoginAsync(email);
            var nextRefresh = clock.Elapsed + Jitter(random, 30);
            var nextLogin = clock.Elapsed + Jitter(random, 120);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                if (tokens is null)
                {
                    await Task.Delay(1000);
                    tokens = await LoginAsync(email);
                    continue;
                }

                await TimedAsync("list", () => SendAsync(HttpMethod.Get, "/timesheets", tokens.Value.Access, null, null), HttpStatusCode.OK);
                await Think(random);
                var entry = new { date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1 - (n % 200)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), project = "Internal", hours = 0.25m, notes = $"{prefix} {email} {n}" };
                if (await TimedAsync("create", () => SendAsync(HttpMethod.Post, "/timesheets", tokens.Value.Access, entry, Guid.NewGuid().ToString()), HttpStatusCode.Created) is { } created)
                {
                    if (!created.Headers.Contains("Idempotent-Replayed"))
                    {
                        Interlocked.Increment(ref _created);
                    }
                }

                await Think(random);
                if (approvers.Contains(email))
                {
                    await ApproveAsync(email, tokens.Value.Access);
                    await Think(random);
                }

                if (clock.Elapsed > nextLogin)
                {
                    tokens = await LoginAsync(email);
                    nextLogin = clock.Elapsed + Jitter(random, 120);
                }
                else if (clock.Elapsed > nextRefresh)
                {
                    tokens = await RefreshAsync(tokens.Value.Refresh) ?? await LoginAsync(email);
                    nextRefresh = clock.Elapsed + Jitter(random, 30);
                }
            }
        }

        /// <summary>Up to five pending entries of the owners this approver looks after, approved one by one.</summary>
        private async Task ApproveAsync(string approver, string access)
        {
            using var page = await TimedAsync("approvals", () => SendAsync(HttpMethod.Get, "/approvals?limit=100", access, null, null), HttpStatusCode.OK);
            if (page is null)
            {
                return;
            }

            var entries = await page.Content.ReadFromJsonAsync<JsonElement>();
            var mine = entries.EnumerateArray()
                .Where(e => ApproverOf(e.GetProperty("user_id").GetString()!) == approver)
                .Select(e => e.GetProperty("id").GetInt64()).Take(5).ToList();
            foreach (var id in mine)
            {
                using var approved = await TimedAsync("approve", () => SendAsync(HttpMethod.Put, $"/approvals/{id}", access, null, null), HttpStatusCode.OK);
                if (approved is not null)
                {
                    Interlocked.Increment(ref _approved);
                }
            }
        }

        /// <summary>Each owner's one approver: never the owner; the others split by a stable hash of the email.</summary>
        private string ApproverOf(string owner)
        {
            var own = Array.IndexOf(approvers, owner);
            return own >= 0 ? approvers[(own + 1) % approvers.Length] : approvers[owner.Sum(c => c) % approvers.Length];
        }

        private async Task<(string Access, string Refresh)?> LoginAsync(string email)
        {
            var started = clock.Elapsed.TotalMilliseconds;
            try
            {
                var (access, refresh) = await Oidc.LoginFlow(identity, email, password);
                Latency("login", started);
                return (access, refresh ?? throw new InvalidOperationException("no refresh token"));
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                Error("login", ex.Message);
                return null;
            }
        }

        private async Task<(string Access, string Refresh)?> RefreshAsync(string refresh)
        {
            var started = clock.Elapsed.TotalMilliseconds;
            try
            {
                var (access, rotated) = await Oidc.RefreshGrant(identity, refresh);
                Latency("refresh", started);
                return (access, rotated!);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                Error("refresh", ex.Message);
                return null;
            }
        }

        private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string access, object? body, string? idempotencyKey)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            return api.SendAsync(request);
        }

        /// <summary>The response when it has the expected status (the caller disposes it); otherwise counts an error.</summary>
        private async Task<HttpResponseMessage?> TimedAsync(string operation, Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
        {
            var started = clock.Elapsed.TotalMilliseconds;
            try
            {
                var response = await send();
                if (response.StatusCode == expected)
                {
                    Latency(operation, started);
                    return response;
                }

                var text = await response.Content.ReadAsStringAsync();
                Error(operation, $"{(int)response.StatusCode} {(text.Length > 200 ? text[..200] : text)}");
                response.Dispose();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Error(operation, ex.Message);
            }

            return null;
        }

        private void Latency(string operation, double started) =>
            _latencies.GetOrAdd(operation, _ => []).Add(clock.Elapsed.TotalMilliseconds - started);

        private void Error(string operation, string message)
        {
            _errors.AddOrUpdate(operation, 1, (_, n) => n + 1);
            if (_samples.Count < 10)
            {
                _samples.Enqueue($"{clock.Elapsed.TotalSeconds:F0}s {operation}: {message}");
            }
        }

        private static TimeSpan Jitter(Random random, int seconds) => TimeSpan.FromSeconds(seconds * (0.75 + random.NextDouble() / 2));

        private static Task Think(Random random) => Task.Delay(random.Next(300, 900));

        public object Summary(int users)
        {
            var operations = _latencies.OrderBy(p => p.Key).ToDictionary(p => p.Key, p =>
            {
                var sorted = p.Value.Order().ToArray();
                double P(double q) => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))], 1);
                return new { ok = sorted.Length, errors = _errors.GetValueOrDefault(p.Key), p50_ms = P(0.5), p99_ms = P(0.99) };
            });
            var ok = _latencies.Values.Sum(b => b.Count);
            return new
            {
                users, seconds = Math.Round(clock.Elapsed.TotalSeconds, 1), requests = ok + _errors.Values.Sum(), errors = _errors.Values.Sum(),
                created = Interlocked.Read(ref _created), approved = Interlocked.Read(ref _approved), operations,
                errors_by_operation = _errors, error_samples = _samples.ToArray(),
            };
        }
    }
}
