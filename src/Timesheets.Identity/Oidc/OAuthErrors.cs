using System.Text.Encodings.Web;
using System.Text.Json;
using OpenIddict.Abstractions;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// The one writer of an RFC 6749 §5.2 error body for the answers OpenIddict cannot give itself
/// (a JSON body it never sees, a rate-limited request, a form it cannot read). Written as OpenIddict
/// writes its own: the same message type, compact JSON, not cached.
/// </summary>
internal static class OAuthErrors
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static async Task WriteAsync(HttpResponse response, int statusCode, string error, string description,
        CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            new OpenIddictResponse { Error = error, ErrorDescription = description }.WriteTo(writer);
        }

        response.StatusCode = statusCode;
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json;charset=UTF-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken);
    }
}
