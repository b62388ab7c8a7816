using System.Text.Json;

namespace Timesheets.Attacks.Infrastructure;

/// <summary>
/// One operation of the API's OpenAPI document: method, path template, and the scopes its security
/// requirement lists (null when the operation declares no security, an empty list for "any token").
/// </summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<string>? Scopes)
{
    /// <summary>Every operation the running API publishes at /openapi/v1.json.</summary>
    public static async Task<IReadOnlyList<ApiOperation>> ReadAllAsync(HttpClient api)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync("/openapi/v1.json"));
        var operations = new List<ApiOperation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethodNames.Contains(o.Name)))
            {
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, ScopesOf(operation.Value)));
            }
        }

        return operations;
    }

    private static readonly HashSet<string> HttpMethodNames = ["get", "put", "post", "delete", "patch", "head", "options"];

    private static List<string>? ScopesOf(JsonElement operation)
    {
        if (!operation.TryGetProperty("security", out var security) || security.GetArrayLength() == 0)
        {
            return null;
        }

        return security.EnumerateArray().SelectMany(r => r.EnumerateObject()).SelectMany(s => s.Value.EnumerateArray()).Select(s => s.GetString()!).ToList();
    }

    /// <summary>The path with every <c>{parameter}</c> replaced by <paramref name="value"/>.</summary>
    public string PathWith(string value) =>
        System.Text.RegularExpressions.Regex.Replace(Path, "\\{[^}]+\\}", value);

    public override string ToString() => $"{Method} {Path}";
}
