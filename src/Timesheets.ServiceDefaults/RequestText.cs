using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// The one way both services read text a client sent: JSON strings (through
/// <see cref="RequestStringConverter"/> or <see cref="TryGetString"/>), CSV fields and query values.
/// Text must be valid Unicode and hold no control character but tab, line feed and carriage return.
/// A lone surrogate (<c>"\ud800"</c>) or bytes that are not UTF-8 cannot become a .NET string at all
/// (System.Text.Json throws where it is read, a 500 if that is outside the serializer), and
/// PostgreSQL refuses NUL in text (a 500 at the database, after the request was accepted).
/// </summary>
public static class RequestText
{
    public const string InvalidUnicode = "The text is not valid Unicode: a lone surrogate, or bytes that are not UTF-8.";

    public const string ControlCharacter = "The text contains a control character; only tab and line breaks are allowed.";

    // Every C0/C1 control but tab, LF and CR, and every surrogate (a valid pair is let through below).
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Where(c => char.IsControl((char)c) && c is not ('\t' or '\n' or '\r')).Select(c => (char)c),
         .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    /// <summary>Why <paramref name="text"/> may not be accepted, or null when it may.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAny(Suspect);
        while (i >= 0)
        {
            if (!char.IsSurrogate(text[i]))
            {
                return ControlCharacter;
            }

            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return InvalidUnicode;
            }

            i += 2;
            var next = text[i..].IndexOfAny(Suspect);
            i = next < 0 ? -1 : i + next;
        }

        return null;
    }

    /// <summary>A JSON string value, or why it cannot be accepted; never throws for what a client sent.</summary>
    public static bool TryGetString(JsonElement value, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem) =>
        TryRead(value.GetString, out text, out problem);

    /// <summary>A JSON property name, or why it cannot be accepted.</summary>
    public static bool TryGetName(JsonProperty property, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? problem) =>
        TryRead(() => property.Name, out name, out problem);

    private static bool TryRead(Func<string?> read, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            text = read() ?? "";
        }
        catch (InvalidOperationException)
        {
            // "Cannot transcode invalid UTF-8 JSON text to UTF-16 string" / "invalid UTF-16": the text, not the JSON, is bad.
            (text, problem) = (null, InvalidUnicode);
            return false;
        }

        problem = Problem(text);
        text = problem is null ? text : null;
        return problem is null;
    }
}
