using System.Text;
using System.Text.Json;
using Timesheets.Client.Rules;

namespace Timesheets.App.Ui.Session;

/// <summary>Who is signed in (from the ID token) and what the granted scope allows (from the token response).</summary>
public sealed record SignedInUser(string? Name, string? Email, string? Picture, Grants Grants, bool Contractor = false)
{
    /// <summary>Identity's namespaced claim for a user flagged as a contractor (profile scope).</summary>
    public const string ContractorClaim = "https://api.exampleco.com/contractor";

    public string DisplayName => Name ?? Email ?? "You";

    public string Initials => string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));

    /// <summary>
    /// Reads the profile claims of an ID token. Its signature is not checked here: the token came
    /// straight from Identity's token endpoint over the connection the app opened (OIDC Core
    /// §3.1.3.7), and it only labels the screen — every permission is the API's to enforce.
    /// </summary>
    public static SignedInUser From(string? idToken, Grants grants)
    {
        var claims = Payload(idToken);
        var contractor = claims is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(ContractorClaim, out var flag) && flag.ValueKind == JsonValueKind.True;
        return new SignedInUser(Claim(claims, "name"), Claim(claims, "email"), Claim(claims, "picture"), grants, contractor);
    }

    /// <summary>The <c>nonce</c> of an ID token, to match it with the login that asked for it.</summary>
    public static string? Nonce(string? idToken) => Claim(Payload(idToken), "nonce");

    private static JsonElement? Payload(string? jwt)
    {
        var parts = (jwt ?? "").Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var base64 = parts[1].Replace('-', '+').Replace('_', '/');
            var json = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(json));
            return document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? Claim(JsonElement? claims, string name) =>
        claims is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
