using Microsoft.Extensions.Primitives;

namespace Timesheets.Api.Features.Timesheets;

internal static class EntityTags
{
    /// <summary>
    /// Whether an <c>If-Match</c> or <c>If-None-Match</c> header lists <c>*</c> or <paramref name="etag"/>,
    /// compared weakly (RFC 9110 §8.8.3.2: a <c>W/</c> prefix on either side is ignored).
    /// </summary>
    public static bool Lists(StringValues header, string etag) =>
        header.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Any(v => v == "*" || Opaque(v) == Opaque(etag));

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
