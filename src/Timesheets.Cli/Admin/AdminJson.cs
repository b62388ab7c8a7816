using System.Text.Json;
using System.Text.Json.Serialization;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin;

/// <summary><c>admin roles show --json</c>: the role with its permissions and members, as the API names them.</summary>
internal sealed record RoleDetails(ManagementRole Role, IReadOnlyList<ManagementRolePermission> Permissions, IReadOnlyList<ManagementRoleMember> Users);

/// <summary><c>admin apps show --json</c>: the application with what it may ask of each API.</summary>
internal sealed record AppDetails(ClientResponse App, IReadOnlyList<ClientGrantResponse> Grants);

/// <summary>The admin commands' own <c>--json</c> shapes (the rest print the API's), source-generated in its snake_case.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RoleDetails))]
[JsonSerializable(typeof(AppDetails))]
internal sealed partial class AdminJson : JsonSerializerContext;
