using Timesheets.Contracts;

namespace Timesheets.Client.Management;

public sealed partial class ManagementClient
{
    /// <summary>The APIs tokens are issued for (Auth0's resource servers), the two system APIs included.</summary>
    public Task<ApiResult<List<ResourceServerResponse>>> ListResourceServersAsync(CancellationToken cancellationToken = default) =>
        GetAsync("resource-servers", ManagementJson.Default.ListResourceServerResponse, cancellationToken);

    /// <summary>One API, by its id or its identifier (the audience), as Auth0 accepts either.</summary>
    public Task<ApiResult<ResourceServerResponse>> GetResourceServerAsync(string idOrIdentifier, CancellationToken cancellationToken = default) =>
        GetAsync($"resource-servers/{Segment(idOrIdentifier)}", ManagementJson.Default.ResourceServerResponse, cancellationToken);

    public Task<ApiResult<ResourceServerResponse>> CreateResourceServerAsync(ResourceServerCreateRequest api, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "resource-servers", api, ManagementJson.Default.ResourceServerCreateRequest, ManagementJson.Default.ResourceServerResponse, cancellationToken);

    /// <summary>Changes the fields set; <see cref="ResourceServerUpdateRequest.Scopes"/> replaces the whole list of permissions.</summary>
    public Task<ApiResult<ResourceServerResponse>> UpdateResourceServerAsync(string id, ResourceServerUpdateRequest change, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"resource-servers/{Segment(id)}", change, ManagementJson.Default.ResourceServerUpdateRequest,
            ManagementJson.Default.ResourceServerResponse, cancellationToken);

    public Task<ApiResult<Done>> DeleteResourceServerAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"resource-servers/{Segment(id)}", null, cancellationToken);
}
