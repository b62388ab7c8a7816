using System.Text;

namespace Timesheets.Testing;

/// <summary>One kind of text no service may store, as the bytes of a JSON value and of a CSV field.</summary>
public sealed record HostileString(string Kind, byte[] Json, byte[] Csv)
{
    public override string ToString() => Kind;
}

/// <summary>
/// Text that is not text: lone surrogates (escaped in JSON), bytes that are not UTF-8 (invalid,
/// overlong, an encoded surrogate, cut short), NUL and other control characters. Each must be a
/// 4xx naming the field, never a 500 and never stored.
/// </summary>
public static class HostileText
{
    public static IReadOnlyList<HostileString> All { get; } =
    [
        Escaped("lone high surrogate", "\\ud800"),
        Escaped("lone low surrogate", "x\\udfff"),
        Escaped("surrogates reversed", "\\udc00\\ud800"),
        Raw("invalid UTF-8", [0xC3, 0x28]),
        Raw("overlong UTF-8", [0xC0, 0xAF]),
        Raw("UTF-8 encoded surrogate", [0xED, 0xA0, 0x80]),
        Raw("truncated UTF-8", [0x61, 0xE2, 0x82]),
        new("NUL", Encoding.UTF8.GetBytes("\"a\\u0000b\""), [0x61, 0x00, 0x62]),
        new("control character", Encoding.UTF8.GetBytes("\"a\\u001bb\""), [0x61, 0x1B, 0x62]),
        new("C1 control character", Encoding.UTF8.GetBytes("\"a\\u0085b\""), [0x61, 0xC2, 0x85, 0x62]),
    ];

    /// <summary>A JSON string with the escape sequence in it; in CSV, the UTF-8 a client's encoder would produce (an encoded surrogate).</summary>
    private static HostileString Escaped(string kind, string escape) =>
        new(kind, Encoding.UTF8.GetBytes($"\"{escape}\""), [0x61, 0xED, 0xA0, 0x80]);

    private static HostileString Raw(string kind, byte[] bytes) =>
        new(kind, [(byte)'"', .. bytes, (byte)'"'], bytes);
}
