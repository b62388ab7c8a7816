using System.Net.Http.Headers;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>One generated request, kept as data so a failure can name it and the run can be replayed from the seed.</summary>
public sealed record FuzzRequest(int Index, string Method, string Target, string? ContentType, byte[]? Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The caller whose real token the request carries, if any: malformed input behind valid authentication reaches the handlers.</summary>
    public string? AsCaller { get; init; }

    /// <summary>The request carries text no service may accept (NUL, a control character): it must be refused, not only survived.</summary>
    public bool MustRefuse { get; init; }

    public HttpRequestMessage ToMessage(string? bearer)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Target);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        if (bearer is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    public override string ToString()
    {
        var target = Target.Length > 200 ? Target[..200] + "…" : Target;
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + "…" : h.Value)}"));
        return $"#{Index} {AsCaller ?? "no token"} {Method} {target} [{ContentType}] body {Body?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} bytes; {headers}";
    }
}
