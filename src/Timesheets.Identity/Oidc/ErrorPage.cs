using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// What a person sees when OpenIddict refuses an authorization or logout request that must not be
/// sent back to the client (unknown client, unregistered redirect URI, missing PKCE): the OAuth
/// error and its description, instead of a bare status code. Other errors stay ProblemDetails.
/// </summary>
internal static class ErrorPage
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (http.GetOpenIddictServerResponse() is not { Error: { } error } response)
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http });
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        var description = WebUtility.HtmlEncode(response.ErrorDescription ?? "The request was refused.");
        await http.Response.WriteAsync(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            "<title>Request refused · Timesheets</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main class=\"card\">" +
            "<p class=\"brand\">Timesheets</p><h1>This sign-in request was refused</h1>" +
            $"<p class=\"error\" role=\"alert\"><code id=\"oauth-error\">{WebUtility.HtmlEncode(error)}</code>: {description}</p>" +
            "<p>Go back to the app and try again. If this keeps happening, the app is misconfigured.</p></main></body></html>",
            http.RequestAborted);
    }
}
