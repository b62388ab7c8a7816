// Benchmark helper for bench/run.sh. Subcommands:
//   hash <seconds>                                   password-hash limits (PasswordHasher V3; PBKDF2-SHA256 10k)
//   bare <url> <json-file>                           a bare ASP.NET Core endpoint serving the same JSON from memory
//   tokens <identity> <password> <emails> <out>      one code+PKCE login and 3 refresh grants per email; writes "email access refresh" lines
//   logins <identity> <password> <emails> <conc> <seconds>   password logins/s through the real login form + code exchange
//   upload <api> <token> <csv-file> <pid>            POSTs the CSV (streamed), samples the API's RSS every 100 ms
//   cc <identity> <secret>                           prints a machine-client access token
//   report <results-dir> <out.md> <command> <date> <cores>   writes docs/benchmarks.md
//   csv <emails> <projects> <rows> <days> <prefix> <out>   writes upload CSV rows (user_id,date,project,hours,notes,external_id)
//   hostile <api> <identity> <user-token> <machine-token> <count> <conc> <upload-limit> <near-every>   the attack suite's load (Hostile.cs)
//   proxy <listen-url> <backend-url>...              a round-robin reverse proxy; GET /_proxy/answered counts per backend (Proxy.cs)
//   soak <identity> <api> <password> <emails> <managers> <seconds> <prefix>   simulated users for bench/soak.sh (Soak.cs)
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

return args.FirstOrDefault() switch
{
    "hash" => Hash(int.Parse(args[1], CultureInfo.InvariantCulture)),
    "bare" => await Bare(args[1], args[2]),
    "tokens" => await Tokens(args[1], args[2], args[3], args[4]),
    "logins" => await Logins(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture)),
    "upload" => await Upload(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture)),
    "cc" => await ClientCredentials(args[1], args[2]),
    "report" => Report.Write(args[1], args[2], args[3], args[4], args[5]),
    "csv" => Csv(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture), args[5], args[6]),
    "hostile" => await Hostile.RunAsync(args[1], args[2], args[3], args[4], Int(args[5]), Int(args[6]), long.Parse(args[7], CultureInfo.InvariantCulture), Int(args[8])),
    "proxy" => await Proxy.RunAsync(args[1], args[2..]),
    "soak" => await Soak.RunAsync(args[1], args[2], args[3], args[4], args[5], Int(args[6]), args[7]),
    _ => Usage(),
};

static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: BenchTool hash|bare|tokens|logins|upload|csv|hostile|proxy|soak ...");
    return 2;
}

// Verifications per second on every core, the way the login page pays for them.
static int Hash(int seconds)
{
    var hasher = new PasswordHasher<object>(); // defaults: V3, PBKDF2-HMACSHA512, 100,000 iterations
    var hash = hasher.HashPassword(new object(), "Timesheets-demo-2026");
    var v3 = Parallel(seconds, () => hasher.VerifyHashedPassword(new object(), hash, "Timesheets-demo-2026"));
    var salt = RandomNumberGenerator.GetBytes(16);
    var secret = Encoding.UTF8.GetBytes("a-client-secret-of-32-characters");
    var oidd = Parallel(seconds, () => Rfc2898DeriveBytes.Pbkdf2(secret, salt, 10_000, HashAlgorithmName.SHA256, 32));
    Console.WriteLine(JsonSerializer.Serialize(new { identity_v3_per_s = v3, pbkdf2_sha256_10k_per_s = oidd, threads = Environment.ProcessorCount }));
    return 0;
}

static double Parallel(int seconds, Action work)
{
    work();
    long count = 0;
    var stop = Stopwatch.StartNew();
    var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
    {
        while (stop.Elapsed.TotalSeconds < seconds)
        {
            work();
            Interlocked.Increment(ref count);
        }
    })).ToList();
    threads.ForEach(t => t.Start());
    threads.ForEach(t => t.Join());
    return Math.Round(count / stop.Elapsed.TotalSeconds, 1);
}

static async Task<int> Bare(string url, string jsonFile)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    var app = builder.Build();
    // The same page the API returned, parsed once; serialised on every request like the API does.
    var page = JsonSerializer.Deserialize<List<JsonElement>>(await File.ReadAllTextAsync(jsonFile))!;
    app.MapGet("/timesheets", () => Results.Ok(page));
    app.Urls.Add(url);
    await app.RunAsync();
    return 0;
}

static async Task<int> ClientCredentials(string identity, string secret)
{
    using var http = new HttpClient { BaseAddress = new Uri(identity) };
    var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = "timesheets-import", ["client_secret"] = secret,
        ["audience"] = "https://api.exampleco.com/timesheets",
    }));
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"client_credentials: {(int)response.StatusCode} {body}");
        return 1;
    }

    Console.WriteLine(JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
    return 0;
}

static async Task<int> Tokens(string identity, string password, string emailsFile, string outFile)
{
    var emails = await File.ReadAllLinesAsync(emailsFile);
    var results = new ConcurrentDictionary<int, string>();
    await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, emails.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
    {
        var (access, refresh) = await Oidc.LoginFlow(identity, emails[i].Trim(), password);
        // Three refresh grants per user warm the refresh path up (JIT tiers) before wrk measures it;
        // the file keeps the last rotated pair.
        for (var n = 0; n < 3 && refresh is not null; n++)
        {
            (access, refresh) = await Oidc.RefreshGrant(identity, refresh);
        }

        results[i] = $"{emails[i].Trim()} {access} {refresh}";
    });
    await File.WriteAllLinesAsync(outFile, results.OrderBy(p => p.Key).Select(p => p.Value));
    Console.WriteLine($"{results.Count} logins, tokens in {outFile}");
    return 0;
}

static async Task<int> Logins(string identity, string password, string emailsFile, int concurrency, int seconds)
{
    var emails = (await File.ReadAllLinesAsync(emailsFile)).Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
    // Untimed warm-up: a fresh driver process spends most of its first seconds in the JIT, on the
    // same cores as the server it measures.
    var warmUp = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
    {
        for (var i = w; warmUp.Elapsed.TotalSeconds < 3; i += concurrency)
        {
            await Oidc.LoginFlow(identity, emails[i % emails.Length], password);
        }
    }));
    var latencies = new ConcurrentBag<double>();
    long errors = 0;
    long next = 0;
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var email = emails[Interlocked.Increment(ref next) % emails.Length];
            var started = clock.Elapsed.TotalMilliseconds;
            try
            {
                await Oidc.LoginFlow(identity, email, password);
                latencies.Add(clock.Elapsed.TotalMilliseconds - started);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                if (Interlocked.Increment(ref errors) <= 3)
                {
                    Console.Error.WriteLine(ex.Message);
                }
            }
        }
    }).ToList();
    await Task.WhenAll(workers);
    var elapsed = clock.Elapsed.TotalSeconds;
    var sorted = latencies.OrderBy(l => l).ToArray();
    double P(double q) => sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))], 1);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        logins = sorted.Length, errors, concurrency, seconds = Math.Round(elapsed, 2), per_s = Math.Round(sorted.Length / elapsed, 1),
        p50_ms = P(0.50), p99_ms = P(0.99),
    }));
    return 0;
}

static async Task<int> Upload(string api, string token, string csvFile, int pid)
{
    long peak = 0;
    var samples = new List<long>();
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            var rss = Rss(pid);
            samples.Add(rss);
            peak = Math.Max(peak, rss);
            try { await Task.Delay(100, stop.Token); } catch (TaskCanceledException) { }
        }
    });
    var before = Rss(pid);
    using var http = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromMinutes(10) };
    await using var file = File.OpenRead(csvFile);
    var content = new StreamContent(file, 1 << 16);
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
    using var request = new HttpRequestMessage(HttpMethod.Post, "/timesheets/upload") { Content = content };
    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    var clock = Stopwatch.StartNew();
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    var elapsed = clock.Elapsed.TotalSeconds;
    await stop.CancelAsync();
    await sampler;
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        status = (int)response.StatusCode, seconds = Math.Round(elapsed, 2), bytes = new FileInfo(csvFile).Length,
        rss_before_mb = before / 1024, rss_peak_mb = peak / 1024, rss_after_mb = Rss(pid) / 1024,
        body = body.Length > 300 ? body[..300] : body,
    }));
    return response.IsSuccessStatusCode ? 0 : 1;
}

// Resident set size in kB from /proc.
static long Rss(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return 0;
    }
}

// Rows for workdays going back from yesterday: each user gets one row a day (7.5 h) until 'rows' are written.
static int Csv(string emailsFile, string projectsFile, int rows, int days, string prefix, string outFile)
{
    var emails = File.ReadAllLines(emailsFile).Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
    var projects = File.ReadAllLines(projectsFile).Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    using var w = new StreamWriter(outFile, false, new UTF8Encoding(false), 1 << 16);
    w.Write("user_id,date,project,hours,notes,external_id\n");
    var n = 0;
    var rnd = new Random(42);
    for (var u = 0; n < rows; u++)
    {
        var email = emails[u % emails.Length];
        var slot = u / emails.Length; // several rows per user-day when rows > users × days
        for (var d = 1; d <= days && n < rows; d++)
        {
            var date = today.AddDays(-d);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var hours = slot == 0 ? "7.5" : "0.25";
            w.Write($"{email},{date:yyyy-MM-dd},{projects[rnd.Next(projects.Length)]},{hours},\"Work on ticket #{rnd.Next(1, 9999)}, review\",{prefix}-{n}\n");
            n++;
        }
    }

    Console.WriteLine($"{n} rows in {outFile}");
    return 0;
}
