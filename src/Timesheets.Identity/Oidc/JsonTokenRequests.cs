using System.Globalization;
using System.Text;
using System.Text.Json;
using Timesheets.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Auth0's token endpoint also takes a JSON body (the original design's batch job posts one with
/// <c>audience</c>). OpenIddict reads form posts only (RFC 6749), so a JSON object of scalar
/// values is rewritten as the equivalent form before OpenIddict sees it.
/// </summary>
internal static class JsonTokenRequests
{
    private const int MaxBodyBytes = 16 * 1024;

    public static IApplicationBuilder UseJsonTokenRequests(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (HttpMethods.IsPost(request.Method) && OidcPaths.IsClientEndpoint(request.Path) &&
                request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                var form = await ToFormAsync(request, http.RequestAborted);
                if (form is null)
                {
                    await OAuthErrors.WriteAsync(http.Response, StatusCodes.Status400BadRequest, Errors.InvalidRequest,
                        "The request body must be a JSON object of string, number or boolean values, at most 16 KB.", http.RequestAborted);
                    return;
                }

                var bytes = Encoding.UTF8.GetBytes(form);
                request.Body = new MemoryStream(bytes);
                request.ContentLength = bytes.Length;
                request.ContentType = "application/x-www-form-urlencoded";
            }

            await next(http);
        });

    private static async Task<string?> ToFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var pairs = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Names and strings through RequestText: a lone surrogate, bytes that are not UTF-8 or a
                // control character make the request unreadable (invalid_request), never a 500.
                if (!RequestText.TryGetName(property, out var name, out _))
                {
                    return null;
                }

                string? value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => RequestText.TryGetString(property.Value, out var text, out _) ? text : throw new JsonException("Unreadable text."),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => null,
                    _ => throw new JsonException("Only scalar values are allowed."),
                };
                if (value is not null)
                {
                    pairs.Add(string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}"));
                }
            }

            return string.Join('&', pairs);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
