namespace Timesheets.Identity.Management.ResourceServers;

/// <summary>
/// An API that tokens are issued for (Auth0's resource server): its identifier becomes the access
/// token's <c>aud</c>; its permissions (<see cref="Timesheets.Identity.Users.Permission.Audience"/>) are the scopes a token
/// for it can carry. The Timesheets API and the Management API are system APIs: never deleted.
/// </summary>
public sealed class ResourceServer
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>The audience, e.g. <c>https://api.exampleco.com/timesheets</c>; unique.</summary>
    public required string Identifier { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lifetime of the access tokens issued for this API.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Whether refresh tokens (<c>offline_access</c>) may be issued with tokens for this API.</summary>
    public bool AllowOfflineAccess { get; set; } = true;

    public bool IsSystem { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
