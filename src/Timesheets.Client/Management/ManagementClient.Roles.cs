using Timesheets.Contracts;

namespace Timesheets.Client.Management;

public sealed partial class ManagementClient
{
    public Task<ApiResult<List<ManagementRole>>> ListRolesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("roles", ManagementJson.Default.ListManagementRole, cancellationToken);

    public Task<ApiResult<ManagementRole>> GetRoleAsync(string roleId, CancellationToken cancellationToken = default) =>
        GetAsync($"roles/{Segment(roleId)}", ManagementJson.Default.ManagementRole, cancellationToken);

    public Task<ApiResult<ManagementRole>> CreateRoleAsync(RoleRequest role, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "roles", role, ManagementJson.Default.RoleRequest, ManagementJson.Default.ManagementRole, cancellationToken);

    /// <summary>Renames a role or changes its description (the fields set).</summary>
    public Task<ApiResult<ManagementRole>> UpdateRoleAsync(string roleId, RoleRequest change, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"roles/{Segment(roleId)}", change, ManagementJson.Default.RoleRequest, ManagementJson.Default.ManagementRole, cancellationToken);

    public Task<ApiResult<Done>> DeleteRoleAsync(string roleId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"roles/{Segment(roleId)}", null, cancellationToken);

    public Task<ApiResult<List<ManagementRolePermission>>> ListRolePermissionsAsync(string roleId, CancellationToken cancellationToken = default) =>
        GetAsync($"roles/{Segment(roleId)}/permissions", ManagementJson.Default.ListManagementRolePermission, cancellationToken);

    /// <summary>Gives the role these permissions (each named with its API).</summary>
    public Task<ApiResult<Done>> GrantPermissionsAsync(string roleId, IReadOnlyList<PermissionReference> permissions, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"roles/{Segment(roleId)}/permissions", new RolePermissionsRequest { Permissions = permissions },
            ManagementJson.Default.RolePermissionsRequest, cancellationToken);

    public Task<ApiResult<Done>> RevokePermissionsAsync(string roleId, IReadOnlyList<PermissionReference> permissions, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"roles/{Segment(roleId)}/permissions", new RolePermissionsRequest { Permissions = permissions },
            ManagementJson.Default.RolePermissionsRequest, cancellationToken);

    public Task<ApiResult<List<ManagementRoleMember>>> ListRoleMembersAsync(string roleId, CancellationToken cancellationToken = default) =>
        GetAsync($"roles/{Segment(roleId)}/users", ManagementJson.Default.ListManagementRoleMember, cancellationToken);
}
