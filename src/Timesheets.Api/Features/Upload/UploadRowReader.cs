using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Features.Upload;

/// <summary>One uploaded row as text, before any rule is checked; <c>Errors</c> holds type errors found while reading.</summary>
internal sealed record UploadRow(int Row, string? UserId, string? Date, string? Project, string? Hours, string? Notes, string? ExternalId,
    IReadOnlyList<(string Field, string Message)> Errors);

/// <summary>Reads rows one at a time from a JSON object, a JSON array, or CSV with a header line.</summary>
internal static class UploadRowReader
{
    public static readonly string[] Columns = ["user_id", "date", "project", "hours", "notes", "external_id"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async IAsyncEnumerable<UploadRow> ReadJsonAsync(HttpRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var first = await PeekFirstByteAsync(request, cancellationToken);
        // Each row is refused past UploadRowLimits.MaxRowLength bytes, before the serializer buffers more of it.
        var stream = new JsonRowLimitStream(request.BodyReader.AsStream());
        var row = 0;
        if (first == '[')
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, options, cancellationToken))
            {
                yield return FromJson(++row, element);
            }
        }
        else if (first == '{')
        {
            yield return FromJson(1, await JsonSerializer.DeserializeAsync<JsonElement>(stream, options, cancellationToken));
        }
        else
        {
            throw new JsonException("The body is neither a JSON object nor a JSON array.");
        }
    }

    public static async IAsyncEnumerable<UploadRow> ReadCsvAsync(HttpRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Bytes that are not UTF-8 (overlong forms, encoded surrogates) stop the upload instead of being stored as U+FFFD.
        using var text = new StreamReader(request.Body, StrictUtf8);
        await using var csv = await CsvRecordReader.OpenAsync(text, cancellationToken);
        if (!await csv.ReadAsync(cancellationToken))
        {
            throw new FormatException("The CSV body is empty; the first line names the columns.");
        }

        var index = new Dictionary<string, int>();
        for (var i = 0; i < csv.FieldCount; i++)
        {
            index.TryAdd(csv.Field(i).Trim().ToLowerInvariant(), i);
        }

        var missing = new[] { "user_id", "date", "project", "hours" }.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"The CSV header lacks the column(s) {string.Join(", ", missing)}; expected {string.Join(",", Columns)}.");
        }

        var row = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            var errors = new List<(string, string)>();
            string? Get(string column)
            {
                var text = index.TryGetValue(column, out var i) && i < csv.FieldCount ? csv.Field(i) : "";
                if (text.Length == 0)
                {
                    return null;
                }

                if (RequestText.Problem(text) is { } problem)
                {
                    errors.Add((column, problem));
                    return null;
                }

                return text;
            }

            yield return new UploadRow(++row, Get("user_id"), Get("date"), Get("project"), Get("hours"), Get("notes"), Get("external_id"), errors);
        }
    }

    private static UploadRow FromJson(int row, JsonElement element)
    {
        var errors = new List<(string, string)>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(("$", "Each row is a JSON object."));
            return new UploadRow(row, null, null, null, null, null, null, errors);
        }

        string? Text(string name, bool numberAllowed = false)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                if (RequestText.TryGetString(value, out var text, out var problem))
                {
                    return text;
                }

                errors.Add((name, problem));
                return null;
            }

            if (numberAllowed && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetRawText();
            }

            errors.Add((name, numberAllowed ? "Must be a number." : "Must be a string."));
            return null;
        }

        return new UploadRow(row, Text("user_id"), Text("date"), Text("project"), Text("hours", numberAllowed: true), Text("notes"), Text("external_id"), errors);
    }

    /// <summary>Looks at the first non-blank byte without consuming it, to tell an object from an array.</summary>
    private static async Task<byte> PeekFirstByteAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await request.BodyReader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var skipped = 0L;
            foreach (var segment in buffer)
            {
                foreach (var b in segment.Span)
                {
                    if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
                    {
                        request.BodyReader.AdvanceTo(buffer.GetPosition(skipped));
                        return b;
                    }

                    skipped++;
                }
            }

            request.BodyReader.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                return 0;
            }
        }
    }
}
