using System.Globalization;
using System.Text;
using System.Text.Json;
using static Report;

/// <summary>
/// The "Targets (issue 16)" table of docs/benchmarks.md: each scenario against a limit that does the same work
/// (a peer server, a pgbench script of the same SQL, COPY into the same tables), the ratio and whether it is met.
/// </summary>
internal static class Targets
{
    // Round trips of one refresh grant, counted by tests/Timesheets.Identity.Tests/Flows/GrantRoundTripTests.cs.
    private const int RefreshRoundTrips = 4;

    private const double SqliteUploadRowsPerSecond = 100_000;

    /// <summary>Limits one provider's scenarios are held to, shared with the per-provider tables of <see cref="Report"/>.</summary>
    internal sealed record Limits(double Rsa, double RefreshSql, double Refresh, double PostSql, double CopyRowsPerSecond, double V3, double Bare);

    public static Limits For(BenchResults r, string provider, double rsaFallback, double v3Fallback)
    {
        var rsa = BenchResults.N(r.Read($"{provider}.openssl"), "rsa2048_sign_per_s") is > 0 and var x ? x : rsaFallback;
        var v3 = BenchResults.N(r.Read($"{provider}.hash"), "identity_v3_per_s") is > 0 and var h ? h : v3Fallback;
        var refreshSql = BenchResults.N(r.Read($"{provider}.limit.refresh"), "tps");
        // A grant needs both: its SQL and its signatures; the smaller rate bounds it.
        var refresh = refreshSql > 0 ? Math.Min(refreshSql, rsa / SignaturesPerRefresh) : rsa / SignaturesPerRefresh;
        var copy = r.Read($"{provider}.limit.copy");
        var copyRate = BenchResults.N(copy, "seconds") > 0 ? BenchResults.N(copy, "rows") / BenchResults.N(copy, "seconds") : 0;
        return new Limits(rsa, refreshSql, refresh, BenchResults.N(r.Read($"{provider}.limit.post"), "tps"), copyRate, v3,
            BenchResults.N(r.Read("limit.bare"), "rps"));
    }

    public static void Write(StringBuilder md, BenchResults r, double rsaFallback, double v3Fallback)
    {
        md.AppendLine("## Targets (issue 16)");
        md.AppendLine();
        md.AppendLine("Each scenario against a limit that does the same work, measured in this run: a certified open-source OpenID provider");
        md.AppendLine("issuing the same tokens (the peer), pgbench running the SQL our server sends (the same statements in the same round trips,");
        md.AppendLine("on copies of the real databases), COPY into the same tables. The \"how\" of each limit is in the next section.");
        md.AppendLine();
        md.AppendLine("| scenario | ours | limit (and peer) | ratio | target | met |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var provider in new[] { "postgres", "sqlite" })
        {
            if (r.Read($"{provider}.cc_keepalive") is null && r.Read($"{provider}.upload") is null && r.Read($"{provider}.get_db") is null)
            {
                continue;
            }

            var name = provider == "postgres" ? "PostgreSQL" : "SQLite";
            var l = For(r, provider, rsaFallback, v3Fallback);
            if (provider == "postgres")
            {
                TokenRow(md, $"{name}: client credentials, keep-alive, 32 conns", r.Read($"{provider}.cc_keepalive"), r.Read($"{provider}.peer.cc_keepalive"), l.Rsa);
                TokenRow(md, $"{name}: client credentials, new connection per request", r.Read($"{provider}.cc_newconn"), r.Read($"{provider}.peer.cc_newconn"), l.Rsa);
                RefreshRow(md, name, r.Read($"{provider}.refresh"), r.Read($"{provider}.refresh_statements"), l);
                var post = r.Read($"{provider}.post");
                RatioRow(md, $"{name}: `POST /timesheets` with `Idempotency-Key`, 32 conns", post, "rps", "/s", l.PostSql,
                    $"{F(l.PostSql)} TPS `post_timesheets.sql`", 0.60, "≥ 60 % of the pgbench script, no error", Errors(post) == 0,
                    note: post is null ? null : $"p99 {BenchResults.N(post, "p99_ms"):0.#} ms, {Errors(post):0} errors");
                var up = r.Read($"{provider}.upload");
                RatioRow(md, $"{name}: batch upload, {F(Report.RowsOf(up))} CSV rows, one request", up, null, " rows/s", l.CopyRowsPerSecond,
                    $"{F(l.CopyRowsPerSecond)} rows/s COPY into `Entries` + `EntryChanges`", 0.50, "≥ 50 % of COPY, memory flat",
                    Growth(up) < 100, Report.UploadRate(up));
            }
            else
            {
                var up = r.Read($"{provider}.upload");
                RatioRow(md, $"{name}: batch upload, {F(Report.RowsOf(up))} CSV rows, one request", up, null, " rows/s", SqliteUploadRowsPerSecond,
                    $"{F(SqliteUploadRowsPerSecond)} rows/s (fixed)", 1.0, "≥ 100,000 rows/s, memory flat", Growth(up) < 100, Report.UploadRate(up));
            }

            var lg = r.Read($"{provider}.logins");
            RatioRow(md, $"{name}: password logins (form + code exchange)", lg, "per_s", "/s", l.V3, $"{F(l.V3)} hashes/s", 0.85,
                "≥ 85 % of the hash rate, no error", BenchResults.N(lg, "errors") == 0);
            var db = r.Read($"{provider}.get_db");
            RatioRow(md, $"{name}: `GET /timesheets` from the database (`get_db`), 32 conns", db, "rps", "/s", l.Bare, $"{F(l.Bare)} req/s bare",
                0.25, "≥ 25 % of bare, p99 < 20 ms", db is not null && BenchResults.N(db, "p99_ms") < 20 && Errors(db) == 0,
                note: db is null ? null : $"p99 {BenchResults.N(db, "p99_ms"):0.#} ms");
            var (rssId, rssApi) = Report.PeakRss(r, provider);
            var any = rssId > 0 || rssApi > 0;
            md.AppendLine($"| {name}: resident memory under load (peaks) | {(any ? $"Identity {rssId:0} MB, API {rssApi:0} MB" : "not run")} | 250 MB | | ≤ 250 MB each | {(any ? Met(rssId <= 250 && rssApi <= 250) : "")} |");
        }

        md.AppendLine();
    }

    private static void TokenRow(StringBuilder md, string scenario, JsonElement? ours, JsonElement? peer, double rsa)
    {
        if (ours is not { } o)
        {
            md.AppendLine($"| {scenario} | not run | | | ≥ 1.2× peer and ≥ 50 % of RSA | |");
            return;
        }

        var rps = BenchResults.N(o, "rps");
        var peerRps = BenchResults.N(peer, "rps");
        var vsRsa = rsa > 0 ? rps / rsa : 0;
        var vsPeer = peerRps > 0 ? rps / peerRps : 0;
        var limit = (peer is null ? "peer not run" : $"peer {F(peerRps)}/s (p99 {BenchResults.N(peer, "p99_ms"):0.#} ms, {Errors(peer):0} errors)") + $"; {F(rsa)} RSA signs/s";
        var ratio = (peer is null ? "–" : $"{vsPeer:0.00}× peer") + $"; {P(vsRsa)} of RSA";
        var met = Met(peerRps > 0 && vsPeer >= 1.2 && vsRsa >= 0.50 && Errors(o) == 0) + (peer is null ? " (no peer)" : "");
        md.AppendLine($"| {scenario} | {F(rps)}/s (p99 {BenchResults.N(o, "p99_ms"):0.#} ms, {Errors(o):0} errors) | {limit} | {ratio} | ≥ 1.2× peer and ≥ 50 % of RSA | {met} |");
    }

    private static void RefreshRow(StringBuilder md, string name, JsonElement? rf, JsonElement? statements, Limits l)
    {
        var scenario = $"{name}: refresh-token grants (rotation + reuse detection), 16 conns";
        var target = $"≥ 60 % of the limit; round trips per grant: {RefreshRoundTrips} (≤ 6)";
        var grants = BenchResults.N(statements, "grants");
        var perGrant = grants > 0 ? $"; {BenchResults.N(statements, "own") / grants:0.0} statements per grant in PostgreSQL's log (+{BenchResults.N(statements, "background") / grants:0.0} of the security log's writer)" : "";
        if (rf is not { } v)
        {
            md.AppendLine($"| {scenario} | not run | | | {target} | |");
            return;
        }

        var rps = BenchResults.N(v, "rps");
        var ratio = l.Refresh > 0 ? rps / l.Refresh : 0;
        var limit = $"{F(l.Refresh)}/s = min({(l.RefreshSql > 0 ? F(l.RefreshSql) : "not measured")} TPS `refresh.sql`, {F(l.Rsa)} RSA signs/s ÷ {SignaturesPerRefresh})";
        md.AppendLine($"| {scenario} | {F(rps)}/s (p99 {BenchResults.N(v, "p99_ms"):0.#} ms, {Errors(v):0} errors); {RefreshRoundTrips} round trips (GrantRoundTripTests){perGrant} | {limit} | {P(ratio)} | {target} | {Met(ratio >= 0.60 && Errors(v) == 0)} |");
    }

    private static void RatioRow(StringBuilder md, string scenario, JsonElement? e, string? metric, string unit, double limit, string limitText,
        double target, string targetText, bool extra, double? value = null, string? note = null)
    {
        if (e is not { } v)
        {
            md.AppendLine($"| {scenario} | not run | {limitText} | | {targetText} | |");
            return;
        }

        var x = value ?? BenchResults.N(v, metric!);
        var ratio = limit > 0 ? x / limit : 0;
        var noteText = note is null ? "" : $" ({note})";
        md.AppendLine($"| {scenario} | {F(x)}{unit}{noteText} | {(limit > 0 ? limitText : "not measured")} | {P(ratio)} | {targetText} | {Met(limit > 0 && ratio >= target && extra)} |");
    }

    private static double Errors(JsonElement? e) => BenchResults.N(e, "non2xx") + BenchResults.N(e, "socket_errors") + BenchResults.N(e, "timeouts");

    private static double Growth(JsonElement? up) => BenchResults.N(up, "rss_peak_mb") - BenchResults.N(up, "rss_before_mb");
}

/// <summary>bench/run.sh's results folder: one JSON object per scenario or limit.</summary>
internal sealed class BenchResults(string dir)
{
    public JsonElement? Read(string name)
    {
        var path = Path.Combine(dir, name + ".json");
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static double N(JsonElement? e, string p) =>
        e is { } v && v.TryGetProperty(p, out var x) && x.ValueKind == JsonValueKind.Number ? x.GetDouble() : 0;
}
