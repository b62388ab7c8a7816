namespace Timesheets.Identity.Oidc;

internal static class OidcEndpoints
{
    /// <summary>The passthrough endpoints; OpenIddict itself answers discovery, JWKS and revocation.</summary>
    public static IEndpointRouteBuilder MapOidcEndpoints(this IEndpointRouteBuilder app)
    {
        string[] getOrPost = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods(OidcPaths.Authorize, getOrPost, AuthorizeEndpoint.HandleAsync).ExcludeFromDescription();
        app.MapPost(OidcPaths.Token, TokenEndpoint.HandleAsync).ExcludeFromDescription();
        app.MapMethods(OidcPaths.UserInfo, getOrPost, UserinfoEndpoint.HandleAsync).ExcludeFromDescription();
        app.MapMethods(OidcPaths.EndSession, getOrPost, LogoutEndpoint.HandleAsync).ExcludeFromDescription();
        return app;
    }
}
