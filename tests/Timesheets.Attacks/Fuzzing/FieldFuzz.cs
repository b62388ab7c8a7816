using System.Text;
using Timesheets.Testing;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>
/// Hostile values for every field, not for a random few: each field of each body the API's OpenAPI
/// document publishes (JSON and every CSV column of the upload) and each parameter of Identity's
/// JSON token and revocation bodies gets every value below, as a caller who may call the operation.
/// </summary>
public static class FieldFuzz
{
    private static readonly string[] Shapes =
    [
        // Deeply nested values (past the serializers' depth limits) and wrong types.
        new string('[', 40) + "1" + new string(']', 40),
        new string('[', 5000) + new string(']', 5000),
        string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40),
        "1e400", "-79228162514264337593543950336", "99999999999999999999", "-0", "true", "{}", "[]", "[\"x\"]", "\"\"",
    ];

    /// <summary>The JSON values: <see cref="HostileText"/> strings, then <see cref="Shapes"/>.</summary>
    public static IReadOnlyList<(string Kind, byte[] Json)> JsonValues { get; } =
        [.. HostileText.All.Select(t => (t.Kind, t.Json)), .. Shapes.Select(s => (s.Length > 40 ? s[..20] + "…" : s, Encoding.UTF8.GetBytes(s)))];

    /// <summary>The CSV field values: <see cref="HostileText"/> bytes, a stray quote, a lone 0xFF byte, a BOM inside a field.</summary>
    public static IReadOnlyList<(string Kind, byte[] Csv)> CsvValues { get; } =
        [.. HostileText.All.Select(t => (t.Kind, t.Csv)), ("stray quote", "a\"b"u8.ToArray()), ("0xFF", [0xFF]), ("BOM inside", [0x61, 0xEF, 0xBB, 0xBF])];

    /// <summary>One request per (API body field, value): the body holds that field alone (an array of one row for the upload).</summary>
    public static IEnumerable<FuzzRequest> Api(IReadOnlyList<ApiInput> bodies, Func<IReadOnlyList<string>, string> callerFor)
    {
        var index = 100_000;
        foreach (var input in bodies)
        {
            // No id names a stored row, so nothing could change even if a body were accepted.
            var path = System.Text.RegularExpressions.Regex.Replace(input.Path, "\\{[^}]+\\}", "987654321");
            foreach (var field in input.Fields)
            {
                if (input.ContentType == "text/csv")
                {
                    foreach (var (kind, value) in CsvValues)
                    {
                        yield return new FuzzRequest(index++, input.Method, path, input.ContentType, Csv(input.Fields, field, value), [new("X-Fuzz", $"{field.Name}: {kind}")])
                        { AsCaller = callerFor(input.Scopes) };
                    }

                    continue;
                }

                foreach (var (kind, value) in JsonValues)
                {
                    byte[] body = [.. Encoding.UTF8.GetBytes((input.IsArray ? "[{\"" : "{\"") + field.Name + "\":"), .. value, .. Encoding.UTF8.GetBytes(input.IsArray ? "}]" : "}")];
                    yield return new FuzzRequest(index++, input.Method, path, input.ContentType, body, [new("X-Fuzz", $"{field.Name}: {kind}")])
                    { AsCaller = callerFor(input.Scopes) };
                }
            }
        }
    }

    /// <summary>The parameters a JSON body at Identity's token and revocation endpoints may carry (RFC 6749, 7009, 7636, 8707, Auth0's audience).</summary>
    public static readonly string[] TokenParameters =
    [
        "grant_type", "client_id", "client_secret", "code", "code_verifier", "redirect_uri", "refresh_token", "scope", "audience", "resource",
        "token", "token_type_hint", "username", "password",
    ];

    /// <summary>One request per (endpoint, parameter, value), after a plausible client-credentials start so the body gets past "unknown client".</summary>
    public static IEnumerable<FuzzRequest> Identity(IReadOnlyList<string> endpoints)
    {
        var index = 200_000;
        foreach (var endpoint in endpoints)
        {
            foreach (var parameter in TokenParameters)
            {
                foreach (var (kind, value) in JsonValues)
                {
                    var start = parameter is "grant_type" or "client_id" ? "" : "\"grant_type\":\"client_credentials\",\"client_id\":\"timesheets-import\",";
                    byte[] body = [.. Encoding.UTF8.GetBytes("{" + start + "\"" + parameter + "\":"), .. value, (byte)'}'];
                    yield return new FuzzRequest(index++, "POST", endpoint, "application/json", body, [new("X-Fuzz", $"{parameter}: {kind}")]);
                }
            }
        }
    }

    private static byte[] Csv(IReadOnlyList<ApiField> fields, ApiField field, byte[] value)
    {
        var csv = new List<byte>(Encoding.UTF8.GetBytes(string.Join(',', fields.Select(f => f.Name)) + "\r\n"));
        for (var i = 0; i < fields.Count; i++)
        {
            csv.AddRange(i == 0 ? [] : [(byte)',']);
            csv.AddRange(fields[i] == field ? value : "nobody@nowhere.invalid"u8.ToArray());
        }

        csv.AddRange("\r\n"u8.ToArray());
        return [.. csv];
    }
}
