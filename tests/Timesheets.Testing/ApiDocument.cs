using System.Text.Json;

namespace Timesheets.Testing;

/// <summary>One field of a request body, as the API's OpenAPI document describes it.</summary>
public sealed record ApiField(string Name, string? Type);

/// <summary>One request body (or query string) an operation of the API takes: where, as what, with which fields, behind which scopes.</summary>
public sealed record ApiInput(string Method, string Path, string ContentType, IReadOnlyList<string> Scopes, IReadOnlyList<ApiField> Fields)
{
    /// <summary>The body is an array of objects with these fields (the upload), not one object.</summary>
    public bool IsArray { get; init; }

    public override string ToString() => $"{Method} {Path} [{ContentType}]";
}

/// <summary>
/// Reads the running API's <c>/openapi/v1.json</c>, so tests of hostile input cover every body and
/// query parameter the API publishes, including endpoints added after the tests were written.
/// </summary>
public static class ApiDocument
{
    /// <summary>Every request body (JSON or CSV; the fields of an array body are its items') of every operation.</summary>
    public static async Task<IReadOnlyList<ApiInput>> BodiesAsync(HttpClient api) => (await ReadAsync(api)).Where(i => i.ContentType != "query").ToList();

    /// <summary>Every operation's query parameters, as one input with content type <c>query</c>.</summary>
    public static async Task<IReadOnlyList<ApiInput>> QueriesAsync(HttpClient api) => (await ReadAsync(api)).Where(i => i.ContentType == "query").ToList();

    private static async Task<List<ApiInput>> ReadAsync(HttpClient api)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var inputs = new List<ApiInput>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Name is "get" or "put" or "post" or "delete" or "patch"))
            {
                var method = operation.Name.ToUpperInvariant();
                var scopes = Scopes(operation.Value);
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    foreach (var content in body.GetProperty("content").EnumerateObject())
                    {
                        var schema = Resolve(root, content.Value.GetProperty("schema"));
                        inputs.Add(new ApiInput(method, path.Name, content.Name, scopes, Fields(root, schema)) { IsArray = schema.TryGetProperty("items", out _) });
                    }
                }

                var query = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query")
                        .Select(p => new ApiField(p.GetProperty("name").GetString()!, p.TryGetProperty("schema", out var s) ? TypeOf(root, s) : null)).ToList()
                    : [];
                if (query.Count > 0)
                {
                    inputs.Add(new ApiInput(method, path.Name, "query", scopes, query));
                }
            }
        }

        return inputs;
    }

    private static List<ApiField> Fields(JsonElement root, JsonElement schema)
    {
        schema = Resolve(root, schema);
        if (schema.TryGetProperty("items", out var items))
        {
            schema = Resolve(root, items);
        }

        return schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => new ApiField(p.Name, TypeOf(root, p.Value))).ToList()
            : [];
    }

    private static string? TypeOf(JsonElement root, JsonElement schema)
    {
        schema = Resolve(root, schema);
        if (!schema.TryGetProperty("type", out var type))
        {
            return null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = root.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private static List<string> Scopes(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(r => r.EnumerateObject()).SelectMany(s => s.Value.EnumerateArray()).Select(s => s.GetString()!).ToList()
            : [];
}
