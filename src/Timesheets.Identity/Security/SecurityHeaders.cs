namespace Timesheets.Identity.Security;

internal static class SecurityHeaders
{
    /// <summary>
    /// No framing (clickjacking), a strict Content-Security-Policy (the pages need no script; no
    /// form-action, as Chromium applies it to the redirect chain that ends at the client app),
    /// no MIME sniffing, no referrer leaking codes or states to other sites.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            await next(http);
        });
}
