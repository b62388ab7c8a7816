using System.Text;
using Timesheets.Testing;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>
/// Hostile values for every parameter of Identity's form-encoded and query-string endpoints (token,
/// revocation, authorize, logout, the login and logout-confirm pages): each <see cref="HostileText"/>
/// value percent-encoded and (in a body) as raw bytes, plus broken percent escapes and a long value.
/// Each request starts from a plausible one, so the value reaches the code that looks it up.
/// </summary>
public static class FormFuzz
{
    /// <summary>A form or query value as the bytes on the wire, and whether the server must refuse it as unreadable text.</summary>
    public sealed record FormValue(string Kind, byte[] Bytes, bool MustRefuse, bool QuerySafe);

    public sealed record Target(string Method, string Path, bool InQuery, IReadOnlyList<(string Name, string Value)> Start, IReadOnlyList<string> Fuzzed);

    private const string Verifier = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private const string MobileRedirect = "com.exampleco.timesheets:/callback";

    // NUL and control characters decode to text no service may accept; undecodable bytes become
    // U+FFFD in a form reader, which is text like any other and may be accepted.
    private static readonly HashSet<string> Refused = new(StringComparer.Ordinal) { "NUL", "control character", "C1 control character" };

    public static IReadOnlyList<FormValue> Values { get; } =
    [
        .. HostileText.All.Select(t => new FormValue(t.Kind + " %-encoded", Encoding.ASCII.GetBytes(Percent(t.Csv)), Refused.Contains(t.Kind), QuerySafe: true)),
        .. HostileText.All.Select(t => new FormValue(t.Kind + " raw", t.Csv, Refused.Contains(t.Kind), QuerySafe: false)),
        new("lone %", "a%"u8.ToArray(), MustRefuse: false, QuerySafe: true),
        new("short escape", "a%0"u8.ToArray(), MustRefuse: false, QuerySafe: true),
        new("bad escape", "%zz"u8.ToArray(), MustRefuse: false, QuerySafe: true),
        new("%u escape", "%u0000"u8.ToArray(), MustRefuse: false, QuerySafe: true),
        new("long", Encoding.ASCII.GetBytes(new string('a', 5000)), MustRefuse: false, QuerySafe: true),
    ];

    /// <summary>The endpoints and the parameters fuzzed at each; login and logout-confirm posts carry <paramref name="antiforgery"/>.</summary>
    public static IReadOnlyList<Target> Targets(string antiforgery)
    {
        (string, string)[] code = [("grant_type", "authorization_code"), ("client_id", "timesheets-mobile"), ("code", "abc"), ("redirect_uri", MobileRedirect), ("code_verifier", Verifier)];
        (string, string)[] refresh = [("grant_type", "refresh_token"), ("client_id", "timesheets-mobile"), ("refresh_token", "abc")];
        (string, string)[] machine = [("grant_type", "client_credentials"), ("client_id", "timesheets-import"), ("client_secret", "wrong"), ("audience", IdentityHost.ApiAudience)];
        (string, string)[] authorize =
        [
            ("client_id", "timesheets-mobile"), ("redirect_uri", MobileRedirect), ("response_type", "code"), ("scope", "openid profile"),
            ("state", "s"), ("nonce", "n"), ("code_challenge", Challenge), ("code_challenge_method", "S256"),
        ];
        string[] authorizeParameters =
        [
            "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age",
            "login_hint", "id_token_hint", "audience", "resource", "response_mode", "ui_locales", "acr_values",
        ];
        (string, string)[] logout = [("client_id", "timesheets-mobile"), ("post_logout_redirect_uri", MobileRedirect), ("state", "s")];
        string[] logoutParameters = ["client_id", "post_logout_redirect_uri", "state", "id_token_hint", "returnTo", "logout_hint", "ui_locales"];
        (string, string)[] token = [("__RequestVerificationToken", antiforgery)];
        return
        [
            .. new[] { code, refresh, machine }.Select(start => new Target("POST", "/oauth/token", false, start, FieldFuzz.TokenParameters)),
            new("POST", "/oauth/revoke", false, [("client_id", "timesheets-mobile"), ("token", "abc"), ("token_type_hint", "refresh_token")],
                ["client_id", "client_secret", "token", "token_type_hint"]),
            new("POST", "/oauth/revoke", false, [("client_id", "timesheets-import"), ("client_secret", "wrong"), ("token", "abc")], ["client_id", "client_secret", "token"]),
            new("GET", "/authorize", true, authorize, authorizeParameters),
            new("POST", "/authorize", false, authorize, authorizeParameters),
            new("GET", "/v2/logout", true, logout, logoutParameters),
            new("POST", "/v2/logout", false, logout, logoutParameters),
            new("POST", "/account/login", false, [("Email", "nobody@exampleco.com"), ("Password", "wrong-password-123"), ("ReturnUrl", "/account/logged-in"), .. token],
                ["Email", "Password", "ReturnUrl"]),
            new("GET", "/account/login", true, [("ReturnUrl", "/account/logged-in")], ["ReturnUrl"]),
            new("POST", "/account/logout", false, [("ReturnUrl", "/v2/logout"), .. token], ["ReturnUrl"]),
        ];
    }

    /// <summary>One request per (target, parameter, value): the parameter set to the value, the rest as in the start.</summary>
    public static IEnumerable<FuzzRequest> Requests(IReadOnlyList<Target> targets)
    {
        var index = 300_000;
        foreach (var target in targets)
        {
            foreach (var parameter in target.Fuzzed)
            {
                foreach (var value in Values.Where(v => v.QuerySafe || !target.InQuery))
                {
                    // An email that is still an email around the hostile part, so it passes the form's [EmailAddress] check.
                    byte[] bytes = parameter == "Email" ? [.. value.Bytes, .. "%40exampleco.com"u8] : value.Bytes;
                    var pairs = target.Start.Where(p => p.Name != parameter).Select(p => Encoding.ASCII.GetBytes($"{p.Name}={Uri.EscapeDataString(p.Value)}"))
                        .Append([.. Encoding.ASCII.GetBytes(parameter + "="), .. bytes]);
                    var encoded = Join(pairs);
                    var headers = new KeyValuePair<string, string>[] { new("X-Fuzz", $"{parameter}: {value.Kind}") };
                    yield return target.InQuery
                        ? new FuzzRequest(index++, target.Method, target.Path + "?" + Encoding.ASCII.GetString(encoded), null, null, headers) { MustRefuse = value.MustRefuse }
                        : new FuzzRequest(index++, target.Method, target.Path, "application/x-www-form-urlencoded", encoded, headers) { MustRefuse = value.MustRefuse };
                }
            }
        }
    }

    private static string Percent(byte[] bytes) => string.Concat(bytes.Select(b => b is >= 0x21 and < 0x7F and not (byte)'%' and not (byte)'&' and not (byte)'=' and not (byte)'+' ? ((char)b).ToString() : $"%{b:X2}"));

    private static byte[] Join(IEnumerable<byte[]> pairs)
    {
        var result = new List<byte>();
        foreach (var pair in pairs)
        {
            if (result.Count > 0)
            {
                result.Add((byte)'&');
            }

            result.AddRange(pair);
        }

        return [.. result];
    }
}
