using Microsoft.Extensions.Primitives;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// A protocol request (<c>/authorize</c>, <c>/v2/logout</c>) as a GET URL on this server, form
/// parameters moved to the query: where a page (login, consent, logout confirmation) sends the user
/// back to, and what an interaction proof is bound to. The same request always gives the same string.
/// </summary>
internal static class LocalRequestUrl
{
    /// <param name="request">The request.</param>
    /// <param name="withoutPrompt">A <c>prompt</c> value to drop (<c>login</c>, once the user has logged in).</param>
    public static string Of(HttpRequest request, string? withoutPrompt = null)
    {
        var source = request.HasFormContentType ? request.Form.AsEnumerable() : request.Query.AsEnumerable();
        var parameters = new List<KeyValuePair<string, StringValues>>();
        foreach (var (key, values) in source)
        {
            if (key != "prompt" || withoutPrompt is null)
            {
                parameters.Add(new(key, values));
                continue;
            }

            var remaining = string.Join(' ', values.SelectMany(v => (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p != withoutPrompt));
            if (remaining.Length > 0)
            {
                parameters.Add(new(key, remaining));
            }
        }

        return request.PathBase + request.Path + QueryString.Create(parameters);
    }

    /// <summary>True when <paramref name="url"/> is a local URL of exactly this path (a page's return URL).</summary>
    public static bool IsFor(string? url, string path) =>
        url is not null && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal) &&
        (url.Length == path.Length ? url == path : url.StartsWith(path + "?", StringComparison.Ordinal));
}
