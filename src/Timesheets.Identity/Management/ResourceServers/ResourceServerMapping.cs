using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.ResourceServers;

internal static class ResourceServerMapping
{
    public static ResourceServerResponse ToResponse(this ResourceServer api, IEnumerable<Permission> permissions) => new()
    {
        Id = api.Id,
        Identifier = api.Identifier,
        Name = api.Name,
        TokenLifetime = api.TokenLifetimeSeconds,
        AllowOfflineAccess = api.AllowOfflineAccess,
        IsSystem = api.IsSystem,
        Scopes = [.. permissions.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new ResourceServerScope { Value = p.Name, Description = p.Description })],
    };
}
