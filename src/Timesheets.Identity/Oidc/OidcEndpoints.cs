namespace Timesheets.Identity.Oidc;

internal static class OidcEndpoints
{
    /// <summary>The passthrough endpoints; OpenIddict itself answers discovery, JWKS and revocation.</summary>
    public static IEndpointRouteBuilder MapOidcEndpoints(this IEndpointRouteBuilder app)
    {
        string[] getOrPost = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods("/authorize", getOrPost, AuthorizeEndpoint.HandleAsync).ExcludeFromDescription();
        app.MapPost("/oauth/token", TokenEndpoint.HandleAsync).ExcludeFromDescription();
        app.MapMethods("/userinfo", getOrPost, UserinfoEndpoint.HandleAsync).ExcludeFromDescription();
        app.MapMethods("/v2/logout", getOrPost, LogoutEndpoint.HandleAsync).ExcludeFromDescription();
        return app;
    }
}
