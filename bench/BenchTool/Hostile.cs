using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

/// <summary>
/// <c>hostile</c>: the attack suite's load in one command, for bench/hostile-memory.sh. Fires
/// <c>count</c> bad requests at the API and Identity (malformed JSON, wrong types, bodies over the
/// limits, unknown ids, forged and expired tokens, lone surrogates, deep nesting), with a real token
/// where one is needed; every <c>nearEvery</c>-th request is an upload of nearly <c>uploadLimit</c>
/// bytes (CSV and JSON, streamed, each shaped to make a reader hold as much as it can). Prints one JSON
/// line: how many answers of each status, and the time taken. Nothing is asserted here: a 5xx is counted.
/// </summary>
internal static class Hostile
{
    public static async Task<int> RunAsync(string api, string identity, string userToken, string machineToken, int count, int concurrency, long uploadLimit, int nearEvery)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        var statuses = new ConcurrentDictionary<string, int>();
        var samples = new ConcurrentDictionary<string, string>();
        long next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var (name, request) = nearEvery > 0 && i % nearEvery == nearEvery - 1
                    ? NearLimitUpload(api, machineToken, uploadLimit, (int)(i / nearEvery))
                    : Small(api, identity, userToken, machineToken, (int)i);
                string key;
                try
                {
                    using (request)
                    using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        key = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if ((int)response.StatusCode >= 500)
                        {
                            samples.TryAdd(name, body.Length > 300 ? body[..300] : body);
                        }
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                {
                    // The server may close the connection on a body it refuses before reading it all.
                    key = "closed";
                }

                statuses.AddOrUpdate($"{name} {key}", 1, (_, n) => n + 1);
            }
        }));
        var totals = statuses.GroupBy(p => p.Key[(p.Key.LastIndexOf(' ') + 1)..]).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            requests = count, seconds = Math.Round(clock.Elapsed.TotalSeconds, 1), upload_limit = uploadLimit, statuses = totals,
            by_kind = statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value), server_errors = samples,
        }));
        return 0;
    }

    private static (string, HttpRequestMessage) Small(string api, string identity, string user, string machine, int i)
    {
        var forged = ForgedTokens[i % ForgedTokens.Length];
        return (i % 24) switch
        {
            0 => ("post-truncated", Json(HttpMethod.Post, api + "/timesheets", user, "{\"date\":\"2026-01-0")),
            1 => ("post-types", Json(HttpMethod.Post, api + "/timesheets", user, "{\"date\":123,\"project_id\":\"x\",\"hours\":\"7.5\",\"notes\":[1,2]}")),
            2 => ("post-near-64k", Json(HttpMethod.Post, api + "/timesheets", user, $"{{\"date\":\"2026-01-02\",\"project_id\":1,\"hours\":1,\"notes\":\"{new string('n', 64_000)}\"}}")),
            3 => ("post-1mb", Json(HttpMethod.Post, api + "/timesheets", user, new string('[', 1 << 20))),
            4 => ("post-1mb-chunked", Streamed(HttpMethod.Post, api + "/timesheets", user, "application/json", Repeat("{\"a\":", 1 << 20), chunked: true)),
            5 => ("get-unknown-id", Send(HttpMethod.Get, $"{api}/timesheets/{9_000_000_000L + i}", user)),
            6 => ("put-unknown-id", Json(HttpMethod.Put, $"{api}/timesheets/{9_000_000_000L + i}", user, "{\"date\":\"2026-01-02\",\"project_id\":1,\"hours\":1}")),
            7 => ("delete-unknown-id", Send(HttpMethod.Delete, $"{api}/timesheets/{9_000_000_000L + i}", user)),
            8 => ("get-forged-token", Send(HttpMethod.Get, api + "/timesheets", forged)),
            9 => ("get-bad-query", Send(HttpMethod.Get, api + "/timesheets?limit=abc&cursor=%00%ff&from=2026-13-45", user)),
            10 => ("post-lone-surrogate", Json(HttpMethod.Post, api + "/timesheets", user, "{\"date\":\"2026-01-02\",\"project_id\":1,\"hours\":1,\"notes\":\"\\ud800\"}")),
            11 => ("post-deep", Json(HttpMethod.Post, api + "/timesheets", user, new string('[', 5000) + new string(']', 5000))),
            12 => ("upload-bad-csv", Body(HttpMethod.Post, api + "/timesheets/upload", machine, "text/csv", "who,what\n" + string.Concat(Enumerable.Repeat("\"unterminated,1\n", 2000)))),
            13 => ("upload-bad-json", Body(HttpMethod.Post, api + "/timesheets/upload", machine, "application/json", "[" + string.Join(',', Enumerable.Repeat("{\"user_id\":1,\"date\":[],\"hours\":\"x\"}", 2000)) + "]")),
            14 => ("upload-user-token", Body(HttpMethod.Post, api + "/timesheets/upload", user, "text/csv", "user_id,date,project,hours\n")),
            15 => ("approve-unknown", Json(HttpMethod.Put, $"{api}/approvals/{9_000_000_000L + i}", user, "{\"reason\":{}}")),
            16 => ("project-types", Json(HttpMethod.Post, api + "/projects", user, "{\"name\":42}")),
            17 => ("changes-bad-cursor", Send(HttpMethod.Get, api + "/timesheets/changes?since=" + new string('z', 2000), user)),
            18 => ("token-garbage", Body(HttpMethod.Post, identity + "/oauth/token", null, "application/x-www-form-urlencoded", "grant_type=%zz&&&client_id=" + new string('x', 4000))),
            19 => ("token-json-bad", Body(HttpMethod.Post, identity + "/oauth/token", null, "application/json", "{\"grant_type\":\"client_credentials\",\"client_id\":[1],\"client_secret\":{\"a\":\"\\udfff\"}}")),
            20 => ("token-1mb", Body(HttpMethod.Post, identity + "/oauth/token", null, "application/x-www-form-urlencoded", "grant_type=client_credentials&client_secret=" + new string('s', 1 << 20))),
            21 => ("token-wrong-secret", Body(HttpMethod.Post, identity + "/oauth/token", null, "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=timesheets-import&client_secret=wrong&audience=https%3A%2F%2Fapi.exampleco.com%2Ftimesheets")),
            22 => ("userinfo-forged", Send(HttpMethod.Get, identity + "/userinfo", forged)),
            _ => ("refresh-forged", Body(HttpMethod.Post, identity + "/oauth/token", null, "application/x-www-form-urlencoded", "grant_type=refresh_token&client_id=timesheets-cli&refresh_token=" + forged)),
        };
    }

    /// <summary>
    /// An upload of nearly the limit, shaped to make the reader buffer: one endless CSV line or JSON string,
    /// or rows each just under the API's row limit (20,000), which a reader holds a chunk of at a time.
    /// </summary>
    private static (string, HttpRequestMessage) NearLimitUpload(string api, string machine, long limit, int n)
    {
        var size = limit - 1024;
        var url = api + "/timesheets/upload";
        var csvRow = "u@x.com,2026-01-02,Internal,1," + new string('e', 19_000) + "\n";
        var jsonRow = "{\"user_id\":\"u@x.com\",\"notes\":\"" + new string('f', 19_000) + "\"},";
        return (n % 6) switch
        {
            4 => ("near-limit-csv-long-rows", Streamed(HttpMethod.Post, url, machine, "text/csv", Rows("user_id,date,project,hours,notes\n", csvRow, size), chunked: false)),
            5 => ("near-limit-json-long-rows", Streamed(HttpMethod.Post, url, machine, "application/json", Rows("[", jsonRow, size), chunked: false)),
            0 => ("near-limit-csv-endless-line", Streamed(HttpMethod.Post, url, machine, "text/csv", Prefixed("user_id,date,project,hours,notes\nu@x.com,2026-01-02,Internal,1,", 'a', size), chunked: false)),
            1 => ("near-limit-csv-quoted-field", Streamed(HttpMethod.Post, url, machine, "text/csv", Prefixed("user_id,date,project,hours,notes\nu@x.com,2026-01-02,Internal,1,\"", 'b', size), chunked: false)),
            2 => ("near-limit-json-string", Streamed(HttpMethod.Post, url, machine, "application/json", Prefixed("[{\"user_id\":\"u@x.com\",\"notes\":\"", 'c', size), chunked: false)),
            _ => ("near-limit-json-object", Streamed(HttpMethod.Post, url, machine, "application/json", Prefixed("{\"user_id\":\"u@x.com\",\"notes\":\"", 'd', size), chunked: true)),
        };
    }

    // Unsigned, wrongly signed and expired-looking tokens; none is valid.
    private static readonly string[] ForgedTokens =
    [
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsInNjb3BlIjoiYXBwcm92ZTp0aW1lc2hlZXRzIn0.",
        "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZvcmdlZCJ9.eyJzdWIiOiJ4IiwiZXhwIjoxfQ." + new string('A', 342),
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiYXVkIjoiaHR0cHM6Ly9hcGkuZXhhbXBsZWNvLmNvbS90aW1lc2hlZXRzIiwiZXhwIjoxMDAwfQ.c2lnbmF0dXJl",
        "not-a-token",
        new string('e', 8000),
    ];

    private static HttpRequestMessage Send(HttpMethod method, string url, string? token)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, string? token, string body) => Body(method, url, token, "application/json", body);

    private static HttpRequestMessage Body(HttpMethod method, string url, string? token, string mediaType, string body)
    {
        var request = Send(method, url, token);
        request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return request;
    }

    private static HttpRequestMessage Streamed(HttpMethod method, string url, string? token, string mediaType, (byte[] Prefix, byte[] Unit, long Size) body, bool chunked)
    {
        var request = Send(method, url, token);
        request.Content = new GeneratedContent(body.Prefix, body.Unit, body.Size, chunked);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return request;
    }

    private static (byte[], byte[], long) Prefixed(string prefix, char fill, long size) => (Encoding.UTF8.GetBytes(prefix), [(byte)fill], size);

    private static (byte[], byte[], long) Repeat(string unit, long size) => ([], Encoding.UTF8.GetBytes(unit), size);

    private static (byte[], byte[], long) Rows(string header, string row, long size) => (Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(row), size);

    /// <summary>A prefix, then <c>unit</c> repeated up to <c>size</c> bytes, written as it is sent (the driver holds one block, not the whole).</summary>
    private sealed class GeneratedContent(byte[] prefix, byte[] unit, long size, bool chunked) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            var block = new byte[unit.Length * Math.Max(1, (1 << 16) / unit.Length)];
            for (var i = 0; i < block.Length; i += unit.Length)
            {
                unit.CopyTo(block, i);
            }

            for (var left = size - prefix.Length; left > 0; left -= block.Length)
            {
                await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = size;
            return !chunked;
        }
    }
}
