using System.Text.Json;
using System.Text.Json.Serialization;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// Every string a JSON body binds to is read through <see cref="RequestText"/>: a string the
/// service could not store becomes a <see cref="RequestTextException"/>, which the serializer gives
/// the JSON path of the field, so the error handler can answer 400 naming it.
/// </summary>
public sealed class RequestStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // The serializer adds the path and its usual "could not be converted" message.
            throw new JsonException();
        }

        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new RequestTextException(RequestText.InvalidUnicode);
        }

        return RequestText.Problem(text) is { } problem ? throw new RequestTextException(problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string the service will not accept; <see cref="JsonException.Path"/> names the field.</summary>
public sealed class RequestTextException(string message) : JsonException(message)
{
    /// <summary>The field as a client names it: <c>$.project</c> → <c>project</c>, <c>$.rows[2].notes</c> → <c>rows[2].notes</c>.</summary>
    public string Field => Path is null or "$" ? "$" : Path.StartsWith("$.", StringComparison.Ordinal) ? Path[2..] : Path;
}
