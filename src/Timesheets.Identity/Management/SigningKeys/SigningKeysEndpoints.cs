namespace Timesheets.Identity.Management.SigningKeys;

/// <summary><c>/api/v2/keys/signing</c>: list, rotate, revoke (Auth0's paths and scopes).</summary>
internal static class SigningKeysEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys/signing").WithTags("Signing keys");
        keys.MapGet("/", ListAsync).RequiresScope(ManagementScopes.ReadSigningKeys);
        keys.MapGet("/{kid}", GetAsync).RequiresScope(ManagementScopes.ReadSigningKeys);
        keys.MapPost("/rotate", RotateAsync).RequiresScope(ManagementScopes.CreateSigningKeys);
        keys.MapPut("/{kid}/revoke", RevokeAsync).RequiresScope(ManagementScopes.UpdateSigningKeys);
    }

    private static async Task<IResult> ListAsync(SigningKeyAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAsync(cancellationToken));

    private static async Task<IResult> GetAsync(string kid, SigningKeyAdmin admin, CancellationToken cancellationToken) =>
        (await admin.GetAsync(kid, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> RotateAsync(SigningKeyAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Created($"{ManagementApi.RoutePrefix}/keys/signing", await admin.RotateAsync(cancellationToken));

    private static async Task<IResult> RevokeAsync(string kid, SigningKeyAdmin admin, CancellationToken cancellationToken) =>
        (await admin.RevokeAsync(kid, cancellationToken)).ToHttp(TypedResults.Ok);
}
