using System.Text.Json.Serialization;
using Timesheets.Client.Auth;

namespace Timesheets.App.Auth;

/// <summary>Source-generated JSON for what the app stores (the app is trimmed: no reflection).</summary>
[JsonSerializable(typeof(TokenSet))]
[JsonSerializable(typeof(PendingLogin))]
internal sealed partial class AppJson : JsonSerializerContext;

/// <summary>
/// What a login started with, kept in this tab (sessionStorage) until Identity sends the person back.
/// The token endpoint read from discovery before leaving is kept too, so the app, starting again on the callback, redeems
/// the code at once instead of first fetching discovery and the JWKS again (docs/benchmarks.md).
/// </summary>
internal sealed record PendingLogin(string State, string Nonce, string CodeVerifier, string ReturnPath, string? TokenEndpoint = null);
