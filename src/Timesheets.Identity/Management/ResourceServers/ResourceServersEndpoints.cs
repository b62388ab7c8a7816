namespace Timesheets.Identity.Management.ResourceServers;

/// <summary><c>/api/v2/resource-servers</c>: the APIs tokens are issued for (Auth0's path and scopes).</summary>
internal static class ResourceServersEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var apis = api.MapGroup("/resource-servers").WithTags("APIs");
        apis.MapGet("/", ListAsync).RequiresScope(ManagementScopes.ReadResourceServers);
        apis.MapPost("/", CreateAsync).RequiresScope(ManagementScopes.CreateResourceServers);
        apis.MapGet("/{id}", GetAsync).RequiresScope(ManagementScopes.ReadResourceServers);
        apis.MapPatch("/{id}", UpdateAsync).RequiresScope(ManagementScopes.UpdateResourceServers);
        apis.MapDelete("/{id}", DeleteAsync).RequiresScope(ManagementScopes.DeleteResourceServers);
    }

    private static async Task<IResult> ListAsync(ResourceServerAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAsync(cancellationToken));

    /// <summary>By id, or by the identifier URL-encoded, as Auth0 allows.</summary>
    private static async Task<IResult> GetAsync(string id, ResourceServerAdmin admin, CancellationToken cancellationToken) =>
        (await admin.GetAsync(Uri.UnescapeDataString(id), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> CreateAsync(ResourceServerCreateRequest request, ResourceServerAdmin admin, CancellationToken cancellationToken) =>
        (await admin.CreateAsync(request, cancellationToken)).ToHttp(r => TypedResults.Created($"{ManagementApi.RoutePrefix}/resource-servers/{r.Id}", r));

    private static async Task<IResult> UpdateAsync(string id, ResourceServerUpdateRequest request, ResourceServerAdmin admin, CancellationToken cancellationToken) =>
        (await admin.UpdateAsync(Uri.UnescapeDataString(id), request, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> DeleteAsync(string id, ResourceServerAdmin admin, CancellationToken cancellationToken) =>
        (await admin.DeleteAsync(Uri.UnescapeDataString(id), cancellationToken)).ToHttp(_ => TypedResults.NoContent());
}
