using System.Text;
using System.Text.Json;

namespace Timesheets.Cli.Login;

/// <summary>The claims of an ID token the CLI received itself from the token endpoint, read for display only.</summary>
internal sealed record IdToken(string? Subject, string? Name, string? Email)
{
    public static IdToken Read(string? jwt)
    {
        var parts = (jwt ?? "").Split('.');
        if (parts.Length != 3)
        {
            return new IdToken(null, null, null);
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            string? Claim(string name) => document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new IdToken(Claim("sub"), Claim("name"), Claim("email"));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return new IdToken(null, null, null);
        }
    }
}
