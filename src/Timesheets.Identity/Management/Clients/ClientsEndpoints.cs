namespace Timesheets.Identity.Management.Clients;

/// <summary>
/// <c>/api/v2/clients</c> and <c>/api/v2/client-grants</c>, Auth0's paths. Client grants need
/// <c>read:clients</c> to read and <c>update:clients</c> to change (Auth0 names separate
/// <c>*:client_grants</c> scopes; here a grant is part of the application).
/// </summary>
internal static class ClientsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Applications");
        clients.MapGet("/", ListAsync).RequiresScope(ManagementScopes.ReadClients);
        clients.MapPost("/", CreateAsync).RequiresScope(ManagementScopes.CreateClients);
        clients.MapGet("/{id}", GetAsync).RequiresScope(ManagementScopes.ReadClients);
        clients.MapPatch("/{id}", UpdateAsync).RequiresScope(ManagementScopes.UpdateClients);
        clients.MapDelete("/{id}", DeleteAsync).RequiresScope(ManagementScopes.DeleteClients);
        clients.MapPost("/{id}/rotate-secret", RotateSecretAsync).RequiresScope(ManagementScopes.UpdateClientKeys);

        var grants = api.MapGroup("/client-grants").WithTags("Applications");
        grants.MapGet("/", ListGrantsAsync).RequiresScope(ManagementScopes.ReadClients);
        grants.MapPost("/", CreateGrantAsync).RequiresScope(ManagementScopes.UpdateClients);
        grants.MapPatch("/{id}", UpdateGrantAsync).RequiresScope(ManagementScopes.UpdateClients);
        grants.MapDelete("/{id}", DeleteGrantAsync).RequiresScope(ManagementScopes.UpdateClients);
    }

    private static async Task<IResult> ListAsync(ClientAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAsync(cancellationToken));

    private static async Task<IResult> GetAsync(string id, ClientAdmin admin, CancellationToken cancellationToken) =>
        (await admin.GetAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> CreateAsync(ClientCreateRequest request, ClientAdmin admin, CancellationToken cancellationToken) =>
        (await admin.CreateAsync(request, cancellationToken)).ToHttp(c => TypedResults.Created($"{ManagementApi.RoutePrefix}/clients/{c.ClientId}", c));

    private static async Task<IResult> UpdateAsync(string id, ClientUpdateRequest request, ClientAdmin admin, CancellationToken cancellationToken) =>
        (await admin.UpdateAsync(id, request, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> DeleteAsync(string id, ClientAdmin admin, CancellationToken cancellationToken) =>
        (await admin.DeleteAsync(id, cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<IResult> RotateSecretAsync(string id, ClientAdmin admin, CancellationToken cancellationToken) =>
        (await admin.RotateSecretAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> ListGrantsAsync([Microsoft.AspNetCore.Mvc.FromQuery(Name = "client_id")] string? clientId, string? audience, ClientGrantAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAsync(clientId, audience, cancellationToken));

    private static async Task<IResult> CreateGrantAsync(ClientGrantCreateRequest request, ClientGrantAdmin admin, CancellationToken cancellationToken) =>
        (await admin.CreateAsync(request, cancellationToken)).ToHttp(g => TypedResults.Created($"{ManagementApi.RoutePrefix}/client-grants/{g.Id}", g));

    private static async Task<IResult> UpdateGrantAsync(string id, ClientGrantUpdateRequest request, ClientGrantAdmin admin, CancellationToken cancellationToken) =>
        (await admin.UpdateAsync(id, request, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<IResult> DeleteGrantAsync(string id, ClientGrantAdmin admin, CancellationToken cancellationToken) =>
        (await admin.DeleteAsync(id, cancellationToken)).ToHttp(_ => TypedResults.NoContent());
}
