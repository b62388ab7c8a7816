using Timesheets.Contracts;

namespace Timesheets.Client.Management;

public sealed partial class ManagementClient
{
    /// <summary>The registered applications (Auth0's clients).</summary>
    public Task<ApiResult<List<ClientResponse>>> ListClientsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("clients", ManagementJson.Default.ListClientResponse, cancellationToken);

    public Task<ApiResult<ClientResponse>> GetClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        GetAsync($"clients/{Segment(clientId)}", ManagementJson.Default.ClientResponse, cancellationToken);

    /// <summary>Registers an application; a machine client's answer carries its secret, shown this once.</summary>
    public Task<ApiResult<ClientResponse>> CreateClientAsync(ClientCreateRequest client, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "clients", client, ManagementJson.Default.ClientCreateRequest, ManagementJson.Default.ClientResponse, cancellationToken);

    public Task<ApiResult<ClientResponse>> UpdateClientAsync(string clientId, ClientUpdateRequest change, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"clients/{Segment(clientId)}", change, ManagementJson.Default.ClientUpdateRequest, ManagementJson.Default.ClientResponse, cancellationToken);

    public Task<ApiResult<Done>> DeleteClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"clients/{Segment(clientId)}", null, cancellationToken);

    /// <summary>A new secret for a machine client (the old one stops working); the answer carries it, shown this once.</summary>
    public Task<ApiResult<ClientResponse>> RotateClientSecretAsync(string clientId, CancellationToken cancellationToken = default) =>
        HttpCalls.SendAsync(Http, HttpCalls.Request(HttpMethod.Post, $"clients/{Segment(clientId)}/rotate-secret"), ManagementJson.Default.ClientResponse, cancellationToken);

    /// <summary>What applications may ask of which API; filtered by application and/or API when given.</summary>
    public Task<ApiResult<List<ClientGrantResponse>>> ListClientGrantsAsync(string? clientId = null, string? audience = null, CancellationToken cancellationToken = default) =>
        GetAsync("client-grants" + HttpCalls.Query(("client_id", clientId), ("audience", audience)), ManagementJson.Default.ListClientGrantResponse, cancellationToken);

    public Task<ApiResult<ClientGrantResponse>> CreateClientGrantAsync(ClientGrantCreateRequest grant, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "client-grants", grant, ManagementJson.Default.ClientGrantCreateRequest, ManagementJson.Default.ClientGrantResponse, cancellationToken);

    /// <summary>Replaces the permissions of a grant.</summary>
    public Task<ApiResult<ClientGrantResponse>> UpdateClientGrantAsync(string grantId, ClientGrantUpdateRequest change, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"client-grants/{Segment(grantId)}", change, ManagementJson.Default.ClientGrantUpdateRequest,
            ManagementJson.Default.ClientGrantResponse, cancellationToken);

    public Task<ApiResult<Done>> DeleteClientGrantAsync(string grantId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"client-grants/{Segment(grantId)}", null, cancellationToken);

    /// <summary>What the application may ask of one API: the grant created, or its permissions replaced.</summary>
    public async Task<ApiResult<ClientGrantResponse>> SetClientGrantAsync(string clientId, string audience, IReadOnlyList<string> scope,
        CancellationToken cancellationToken = default)
    {
        var existing = await ListClientGrantsAsync(clientId, audience, cancellationToken);
        if (existing.Problem is { } problem)
        {
            return ApiResult<ClientGrantResponse>.Failure(problem);
        }

        return existing.Value!.FirstOrDefault(g => g.ClientId == clientId && g.Audience == audience) is { } grant
            ? await UpdateClientGrantAsync(grant.Id, new ClientGrantUpdateRequest { Scope = scope }, cancellationToken)
            : await CreateClientGrantAsync(new ClientGrantCreateRequest { ClientId = clientId, Audience = audience, Scope = scope }, cancellationToken);
    }
}
