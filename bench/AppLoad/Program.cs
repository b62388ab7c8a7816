// First load and login of the published app in Chromium, for bench/app-load.sh:
//   AppLoad <app-url> <email> <password> <runs> <out-dir>
// Every run opens a fresh browser context (empty cache, no service worker, no cookies) and measures:
//   baseline   /baseline.html (a plain HTML page served by the same host): bytes, time to its load event
//   app        /: bytes of every response until the network is idle, time until "Log in" can be pressed
//   login      from pressing Identity's "Log in" to the first timesheet card being visible
// twice: with the cache disabled (CDP Network.setCacheDisabled, so the app boots from the network again
// after the login redirect) and with the browser's cache as a first-time visitor has it.
// Writes <out-dir>/runs.tsv (one line per measurement) and <out-dir>/files.tsv (every response of the
// first cache-disabled app load: bytes transferred, bytes decoded, URL).
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

var (appUrl, email, password) = (args[0].TrimEnd('/'), args[1], args[2]);
var runs = int.Parse(args[3], CultureInfo.InvariantCulture);
var outDir = args[4];
var inv = CultureInfo.InvariantCulture;

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"],
});

var lines = new List<string>();
var filesWritten = false;
// One untimed round first: the services' first requests run through the JIT.
for (var run = 0; run <= runs; run++)
{
    foreach (var cacheDisabled in new[] { true, false })
    {
        var mode = cacheDisabled ? "nocache" : "cache";
        var (baseBytes, baseMs, _) = await MeasureAsync(cacheDisabled, async page =>
        {
            await page.GotoAsync(appUrl + "/baseline.html", new() { WaitUntil = WaitUntilState.Load });
        });
        var loginMs = 0.0;
        var identityMs = 0.0;
        var headingMs = 0.0;
        var (appBytes, appMs, files) = await MeasureAsync(cacheDisabled, async page =>
        {
            await page.GotoAsync(appUrl + "/", new() { WaitUntil = WaitUntilState.Commit });
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).WaitForAsync();
        }, async page =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            var clock = Stopwatch.StartNew();
            if (Environment.GetEnvironmentVariable("LOGIN_TRACE") == "1")
            {
                // Where the second start spends its time: every request after pressing "Log in", with its start and end.
                page.Request += (_, r) => Console.WriteLine(string.Create(inv, $"  {clock.Elapsed.TotalMilliseconds,6:F0} ms  > {r.Method} {r.Url}"));
                page.RequestFinished += (_, r) => Console.WriteLine(string.Create(inv, $"  {clock.Elapsed.TotalMilliseconds,6:F0} ms  < {r.Url}"));
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            // Identity's share: checking the password and redirecting until the app's /callback is committed.
            await page.WaitForURLAsync(url => url.StartsWith(appUrl + "/callback", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            identityMs = clock.Elapsed.TotalMilliseconds;
            // The app started again and signed in: the list's heading, before its first page of entries has come.
            await page.GetByRole(AriaRole.Heading, new() { Name = "Timesheets" }).WaitForAsync(new() { Timeout = 60_000 });
            headingMs = clock.Elapsed.TotalMilliseconds;
            await page.Locator(".card.entry").First.WaitForAsync(new() { Timeout = 60_000 });
            loginMs = clock.Elapsed.TotalMilliseconds;
        });
        if (run == 0)
        {
            continue;
        }

        lines.Add(string.Create(inv, $"{mode}\tbaseline\t{baseBytes}\t{baseMs:F0}"));
        lines.Add(string.Create(inv, $"{mode}\tapp\t{appBytes}\t{appMs:F0}"));
        lines.Add(string.Create(inv, $"{mode}\tlogin\t0\t{loginMs:F0}"));
        lines.Add(string.Create(inv, $"{mode}\tidentity\t0\t{identityMs:F0}"));
        lines.Add(string.Create(inv, $"{mode}\theading\t0\t{headingMs:F0}"));
        Console.WriteLine(string.Create(inv, $"run {run} {mode}: baseline {baseBytes} B {baseMs:F0} ms; app {appBytes} B {appMs:F0} ms; login to list {loginMs:F0} ms (Identity {identityMs:F0} ms, heading {headingMs:F0} ms)"));
        if (cacheDisabled && !filesWritten)
        {
            await File.WriteAllLinesAsync(Path.Combine(outDir, "files.tsv"), files.OrderByDescending(f => f.Transferred)
                .Select(f => string.Create(inv, $"{f.Transferred}\t{f.Decoded}\t{f.Url}")));
            filesWritten = true;
        }
    }
}

await File.WriteAllLinesAsync(Path.Combine(outDir, "runs.tsv"), lines);
return 0;

// Opens a fresh context, runs load (timed), waits for the network to go idle, sums what came over it,
// then runs after (untimed here) in the same page.
async Task<(long Bytes, double Ms, List<Response> Files)> MeasureAsync(bool cacheDisabled, Func<IPage, Task> load, Func<IPage, Task>? after = null)
{
    // No service worker: its install fetches the app shell a second time, in the background, after the app has
    // loaded; the figure is what the page itself needs. (Its effect is shown by SERVICE_WORKERS=allow.)
    var workers = Environment.GetEnvironmentVariable("SERVICE_WORKERS") == "allow" ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block;
    await using var context = await browser.NewContextAsync(new()
    {
        ViewportSize = new() { Width = 360, Height = 640 },
        ServiceWorkers = workers,
        // Brotli asked for explicitly, as browsers do over HTTPS (a deployed app): over plain HTTP Chromium may not offer it.
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Encoding"] = "br, gzip, deflate" },
    });
    var page = await context.NewPageAsync();
    var cdp = await context.NewCDPSessionAsync(page);
    await cdp.SendAsync("Network.enable");
    await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = cacheDisabled });
    var sizes = new List<Task<Response>>();
    var counting = true;
    context.RequestFinished += (_, request) =>
    {
        if (counting)
        {
            sizes.Add(SizeAsync(request));
        }
    };
    var clock = Stopwatch.StartNew();
    await load(page);
    var ms = clock.Elapsed.TotalMilliseconds;
    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    counting = false;
    var files = (await Task.WhenAll(sizes)).ToList();
    if (after is not null)
    {
        await after(page);
    }

    return (files.Sum(f => f.Transferred), ms, files);
}

static async Task<Response> SizeAsync(IRequest request)
{
    var sizes = await request.SizesAsync();
    var response = await request.ResponseAsync();
    var decoded = response is null ? 0 : (await response.BodyAsync()).LongLength;
    return new Response(request.Url, sizes.ResponseBodySize, decoded);
}

internal sealed record Response(string Url, long Transferred, long Decoded);
