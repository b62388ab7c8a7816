using System.Globalization;
using System.Text;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>
/// Generates malformed requests from a seeded <see cref="Random"/>: the same seed gives the same
/// requests, so a failure in CI can be replayed by index. Nothing here ever names a real user or
/// the real client secret, and no path id is a small positive number, so no generated request can
/// legitimately change data.
/// </summary>
public sealed class FuzzGenerator(int seed)
{
    private readonly Random _random = new(seed);
    private int _index;

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/csv", "application/x-www-form-urlencoded",
        "text/plain", "application/xml", "multipart/form-data; boundary=", "multipart/form-data", "application/json; charset=utf-7",
        "application/json; charset=nonsense", "garbage", "/", "application/*", ";;;", "application/problem+json", "text/html",
    ];

    private static readonly string[] PathIds =
    [
        "abc", "-1", "0", "1.5", "1e3", "0x10", "99999999999999999999999999", "-9223372036854775809", "9223372036854775807",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2Fappsettings.json", "%252e%252e", "1%3BDROP%20TABLE%20Entries",
        "%27%20OR%201%3D1--", "%E2%80%AE", "%C0%AE%C0%AE", "%FF%FE", new string('9', 400), "null", "undefined", "NaN", "%20", "~",
    ];

    private static readonly string[] JunkValues =
    [
        "", " ", "null", "-1", "0", "NaN", "1e400", "99999999999999999999999", "true", "[]", "{}", "%00", "%zz", "%",
        "2026-02-30", "9999-99-99", "'; DROP TABLE \"Entries\"--", "<script>alert(1)</script>", "javascript:alert(1)",
        "https://evil.example/", "//evil.example", "../../../etc/passwd", "\u202E", "ä€𝄞", "a\u0000b",
    ];

    private static readonly string[] FieldNames =
    [
        "date", "project", "hours", "notes", "name", "reason", "ids", "action", "user_id", "external_id", "include_archived",
        "grant_type", "code", "code_verifier", "refresh_token", "client_id", "client_secret", "redirect_uri", "scope", "token",
        "token_type_hint", "audience", "Email", "Password", "ReturnUrl", "__RequestVerificationToken", "response_type", "state", "nonce",
        "code_challenge", "code_challenge_method", "prompt", "max_age", "post_logout_redirect_uri", "id_token_hint", "request", "request_uri",
        "page_size", "cursor", "from", "to", "status", "since", "limit", "user", "Email", "returnTo",
    ];

    public FuzzRequest Next(string method, string pathTemplate)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pathTemplate, "\\{[^}]+\\}", _ => Pick(PathIds));
        if (Chance(0.1))
        {
            path += Pick(["/", "/x", "/%2e%2e", "//", "/..;/", "%20", "/" + Pick(PathIds)]);
        }

        var query = Chance(0.6) ? "?" + Query() : "";
        var (contentType, body) = method is "GET" or "DELETE" && Chance(0.8) ? (null, null) : Body();
        var headers = new List<KeyValuePair<string, string>>();
        if (Chance(0.3))
        {
            headers.Add(new("If-Match", Pick(["*", "\"", "W/", "\"abc\"", "*, *", "W/\"1\", garbage", new string('"', 300), "\"" + new string('x', 8000) + "\""])));
        }

        if (Chance(0.3))
        {
            headers.Add(new("Idempotency-Key", Pick(["", " ", new string('k', 10_000), "../../x", "%00", "ключ", "0f8fad5b-d9cb-469f-a165-70867728950e0f8fad5b-d9cb-469f-a165-70867728950e"])));
        }

        if (Chance(0.15))
        {
            headers.Add(new("Accept", Pick(["*/*", "text/html", "application/xml", "garbage", ";q=", "application/json;q=abc"])));
        }

        if (Chance(0.1))
        {
            headers.Add(new("X-Forwarded-For", Pick(["1.2.3.4", "garbage", new string('1', 5000)])));
        }

        return new FuzzRequest(_index++, method, path + query, contentType, body, headers);
    }

    /// <summary>A bogus Authorization header, or null for none.</summary>
    public string? BogusAuthorization() => _random.Next(8) switch
    {
        0 => "Bearer",
        1 => "Bearer " + Junk(40),
        2 => "Bearer a.b.c",
        3 => "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        4 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Junk(10) + ":" + Junk(10))),
        5 => "Bearer " + new string('A', 20_000),
        6 => "Negotiate " + Junk(30),
        _ => "bearer " + Junk(5) + " " + Junk(5),
    };

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Query()
    {
        var parts = new List<string>();
        for (var i = _random.Next(1, 6); i > 0; i--)
        {
            var name = Chance(0.8) ? Pick(FieldNames) : Junk(8);
            var value = _random.Next(6) switch
            {
                0 => new string('x', _random.Next(2_000, 12_000)),
                1 => Junk(20),
                _ => Uri.EscapeDataString(Pick(JunkValues)),
            };
            parts.Add($"{Uri.EscapeDataString(name)}={value}");
            if (Chance(0.2))
            {
                parts.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(Pick(JunkValues))}"); // the same parameter twice
            }
        }

        if (Chance(0.1))
        {
            parts.Add(Pick(["&&&", "=", "a", "%", "%zz=1", "x[]=1&x[]=2", "a[b][c]=1"]));
        }

        return string.Join('&', parts);
    }

    private (string? ContentType, byte[]? Body) Body()
    {
        var contentType = Chance(0.1) ? null : Pick(ContentTypes);
        var body = _random.Next(12) switch
        {
            0 => RandomBytes(_random.Next(0, 4096)),
            1 => Encoding.UTF8.GetBytes(BrokenJson()),
            2 => Encoding.UTF8.GetBytes(WrongTypes()),
            3 => Encoding.UTF8.GetBytes(HugeNumbers()),
            4 => Encoding.UTF8.GetBytes(Nesting(_random.Next(64, 4000))),
            5 => Encoding.UTF8.GetBytes(Form()),
            6 => [],
            7 => Encoding.UTF8.GetBytes(Pick(["null", "true", "[]", "{}", "\"\"", "0", "[null]", "{\"a\":}", "\uFEFF{}"])),
            8 => Encoding.UTF8.GetBytes("{\"notes\":\"" + new string('x', _random.Next(10_000, 300_000)) + "\"}"),
            9 => [0xEF, 0xBB, 0xBF, 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC], // invalid UTF-8
            10 => Encoding.UTF8.GetBytes(Csv()),
            _ => Encoding.UTF8.GetBytes(WrongTypes() + Junk(5)),
        };
        return (contentType, body);
    }

    private string BrokenJson()
    {
        var json = WrongTypes();
        return json[.._random.Next(0, json.Length)];
    }

    private string WrongTypes()
    {
        var fields = Enumerable.Range(0, _random.Next(1, 8)).Select(_ => $"\"{Pick(FieldNames)}\":{JsonValue(0)}");
        return "{" + string.Join(',', fields) + "}";
    }

    private string JsonValue(int depth) => _random.Next(depth > 2 ? 6 : 9) switch
    {
        0 => "\"" + Pick(JunkValues).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\u0000", "\\u0000", StringComparison.Ordinal) + "\"",
        1 => Pick(["1e400", "-1e400", "123456789012345678901234567890", "-0", "0.0000000000000000000000001", "1.5", "-5", "24.001", "NaN", "Infinity"]),
        2 => Pick(["true", "false", "null"]),
        3 => _random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        4 => "\"" + new string('y', _random.Next(100, 5000)) + "\"",
        // Text that is not text, as FieldFuzz gives every field systematically.
        5 => Pick(["\"\\ud800\"", "\"x\\udfff\"", "\"\\udc00\\ud800\"", "\"a\\u0000b\"", "\"\\u001b\"", "\"\\u0085\""]),
        6 => "[" + string.Join(',', Enumerable.Range(0, _random.Next(0, 5)).Select(_ => JsonValue(depth + 1))) + "]",
        7 => "{\"" + Pick(FieldNames) + "\":" + JsonValue(depth + 1) + "}",
        _ => "[" + string.Join(',', Enumerable.Repeat("1", _random.Next(1000, 20_000))) + "]",
    };

    private string HugeNumbers() =>
        $"{{\"date\":\"2026-01-01\",\"project\":\"Internal\",\"hours\":{Pick(["1e400", "79228162514264337593543950336", "-79228162514264337593543950336", "1E+9999"])},\"ids\":[{Pick(["1e400", "9223372036854775808", "-9223372036854775809"])}],\"max_age\":99999999999999999999}}";

    private string Nesting(int depth) => Chance(0.5)
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private string Form() =>
        string.Join('&', Enumerable.Range(0, _random.Next(1, 8)).Select(_ => $"{Uri.EscapeDataString(Pick(FieldNames))}={Uri.EscapeDataString(Pick(JunkValues))}"))
        + (Chance(0.2) ? "&" + new string('z', 100_000) + "=1" : "");

    private string Csv() =>
        "user_id,date,project,hours,notes,external_id\r\n"
        + string.Join("\r\n", Enumerable.Range(0, _random.Next(1, 20)).Select(_ => string.Join(',', Enumerable.Range(0, _random.Next(0, 9)).Select(_ => Pick(["\"", "\"\"\"", "x", "nobody@nowhere.invalid", "2026-13-01", "1e400", "-1", "", "=cmd|' /C calc'!A0", new string('q', 3000)])))));

    private string Junk(int maxLength)
    {
        const string alphabet = "abcXYZ0123456789-._~!$&'()*+,;=:@/?#[]%\"<>\\^`{|} ";
        var length = _random.Next(1, maxLength + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return Uri.EscapeDataString(builder.ToString());
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
