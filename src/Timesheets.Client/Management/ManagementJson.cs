using System.Text.Json;
using System.Text.Json.Serialization;
using Timesheets.Contracts;

namespace Timesheets.Client.Management;

/// <summary>
/// Source-generated JSON (trimming-safe) for the Management API's shapes, in its snake_case; the CLI
/// prints them with it too (<c>--json</c> gives the API's own JSON). Nulls are left out when written,
/// so a change request sends only the fields it changes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ManagementUser))]
[JsonSerializable(typeof(List<ManagementUser>))]
[JsonSerializable(typeof(ManagementUserPage))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(PasswordChangeTicketRequest))]
[JsonSerializable(typeof(PasswordChangeTicket))]
[JsonSerializable(typeof(UserRolesRequest))]
[JsonSerializable(typeof(ManagementRole))]
[JsonSerializable(typeof(List<ManagementRole>))]
[JsonSerializable(typeof(RoleRequest))]
[JsonSerializable(typeof(List<ManagementRolePermission>))]
[JsonSerializable(typeof(RolePermissionsRequest))]
[JsonSerializable(typeof(List<ManagementRoleMember>))]
[JsonSerializable(typeof(ClientResponse))]
[JsonSerializable(typeof(List<ClientResponse>))]
[JsonSerializable(typeof(ClientCreateRequest))]
[JsonSerializable(typeof(ClientUpdateRequest))]
[JsonSerializable(typeof(ClientGrantResponse))]
[JsonSerializable(typeof(List<ClientGrantResponse>))]
[JsonSerializable(typeof(ClientGrantCreateRequest))]
[JsonSerializable(typeof(ClientGrantUpdateRequest))]
[JsonSerializable(typeof(ResourceServerResponse))]
[JsonSerializable(typeof(List<ResourceServerResponse>))]
[JsonSerializable(typeof(ResourceServerCreateRequest))]
[JsonSerializable(typeof(ResourceServerUpdateRequest))]
[JsonSerializable(typeof(SigningKeyResponse))]
[JsonSerializable(typeof(List<SigningKeyResponse>))]
[JsonSerializable(typeof(LogResponse))]
[JsonSerializable(typeof(LogPage))]
public sealed partial class ManagementJson : JsonSerializerContext;
