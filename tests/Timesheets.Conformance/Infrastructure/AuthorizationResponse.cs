using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Timesheets.Conformance.Infrastructure;

/// <summary>The redirect back to the client, as the client's redirect handler sees it.</summary>
public sealed record AuthorizationResponse(Uri Location, IReadOnlyDictionary<string, StringValues> Parameters)
{
    public string? Code => Get("code");

    public string? State => Get("state");

    public string? Iss => Get("iss");

    public string? Error => Get("error");

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The redirect without its query: the URI the server chose to send the user to.</summary>
    public string Target => Location.GetLeftPart(UriPartial.Path);

    public static AuthorizationResponse From(Uri location) =>
        new(location, QueryHelpers.ParseQuery(location.Query));
}
