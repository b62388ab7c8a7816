using Timesheets.Contracts;

namespace Timesheets.Client.Management;

/// <summary>
/// Finding things by the names people use: a user by email, a role by name, an API by its identifier.
/// The Management API takes ids; these answer the thing itself, or a <see cref="ProblemKind.NotFound"/>
/// problem that names what was looked for.
/// </summary>
public sealed partial class ManagementClient
{
    /// <summary>A user by email (through <c>users-by-email</c>) or by id.</summary>
    public async Task<ApiResult<ManagementUser>> FindUserAsync(string emailOrId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emailOrId);
        if (!emailOrId.Contains('@', StringComparison.Ordinal))
        {
            return await GetUserAsync(emailOrId, cancellationToken);
        }

        var found = await FindUsersByEmailAsync(emailOrId, cancellationToken);
        return found switch
        {
            { Value: [var user, ..] } => ApiResult<ManagementUser>.Success(user),
            { Problem: { } problem } => ApiResult<ManagementUser>.Failure(problem),
            _ => NotFound<ManagementUser>($"No user has the email {emailOrId}."),
        };
    }

    /// <summary>A role by name (case-insensitive) or by id.</summary>
    public async Task<ApiResult<ManagementRole>> FindRoleAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        var roles = await ListRolesAsync(cancellationToken);
        if (roles.Problem is { } problem)
        {
            return ApiResult<ManagementRole>.Failure(problem);
        }

        var role = roles.Value!.FirstOrDefault(r => r.Id == nameOrId)
            ?? roles.Value!.FirstOrDefault(r => string.Equals(r.Name, nameOrId, StringComparison.OrdinalIgnoreCase));
        return role is null ? NotFound<ManagementRole>($"No role is named {nameOrId}.") : ApiResult<ManagementRole>.Success(role);
    }

    /// <summary>An API by its identifier (the audience), its id or its name.</summary>
    public async Task<ApiResult<ResourceServerResponse>> FindResourceServerAsync(string identifierOrId, CancellationToken cancellationToken = default)
    {
        var apis = await ListResourceServersAsync(cancellationToken);
        if (apis.Problem is { } problem)
        {
            return ApiResult<ResourceServerResponse>.Failure(problem);
        }

        var api = apis.Value!.FirstOrDefault(a => a.Identifier == identifierOrId || a.Id == identifierOrId)
            ?? apis.Value!.FirstOrDefault(a => string.Equals(a.Name, identifierOrId, StringComparison.OrdinalIgnoreCase));
        return api is null ? NotFound<ResourceServerResponse>($"No API has the identifier {identifierOrId}.") : ApiResult<ResourceServerResponse>.Success(api);
    }

    /// <summary>
    /// Names each permission with its API: the one given, or the one API that has a permission of
    /// that name (an invalid problem when none or several do).
    /// </summary>
    public async Task<ApiResult<List<PermissionReference>>> ResolvePermissionsAsync(IReadOnlyList<string> names, string? api = null,
        CancellationToken cancellationToken = default)
    {
        var apis = await ListResourceServersAsync(cancellationToken);
        if (apis.Problem is { } problem)
        {
            return ApiResult<List<PermissionReference>>.Failure(problem);
        }

        var candidates = apis.Value!.Where(a => api is null || a.Identifier == api || a.Id == api || string.Equals(a.Name, api, StringComparison.OrdinalIgnoreCase)).ToList();
        var resolved = new List<PermissionReference>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var owners = candidates.Where(a => a.Scopes.Any(s => s.Value == name)).ToList();
            if (owners.Count == 1)
            {
                resolved.Add(new PermissionReference { PermissionName = name, ResourceServerIdentifier = owners[0].Identifier });
                continue;
            }

            errors[name] = [owners.Count == 0
                ? $"No API{(api is null ? "" : " " + api)} has a permission named {name}."
                : $"Several APIs have a permission named {name}: name one ({string.Join(", ", owners.Select(o => o.Identifier))})."];
        }

        return errors.Count == 0
            ? ApiResult<List<PermissionReference>>.Success(resolved)
            : ApiResult<List<PermissionReference>>.Failure(new ApiProblem
            {
                Kind = ProblemKind.Invalid, Status = 0, Title = "Unknown permission", Detail = "Not sent:", Errors = errors,
            });
    }

    private static ApiResult<T> NotFound<T>(string detail)
        where T : class =>
        ApiResult<T>.Failure(new ApiProblem { Kind = ProblemKind.NotFound, Status = 404, Title = "Not found", Detail = detail });
}
