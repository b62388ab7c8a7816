namespace Timesheets.Contracts;

/// <summary>
/// The Management API on Identity (<c>/api/v2/…</c>): its audience is the issuer followed by
/// <c>api/v2/</c>, as Auth0's is <c>https://TENANT/api/v2/</c>, and its scopes carry Auth0's names,
/// so scripts written for Auth0's Management API need few changes. The Admin role holds them all;
/// a machine client gets those an admin grants it.
/// </summary>
public static class ManagementScopes
{
    /// <summary>The path of the Management API under the issuer, and the end of its audience.</summary>
    public const string Path = "api/v2/";

    public static string AudienceFor(string issuer) => issuer.TrimEnd('/') + "/" + Path;

    public const string ReadUsers = "read:users";
    public const string CreateUsers = "create:users";
    public const string UpdateUsers = "update:users";
    public const string DeleteUsers = "delete:users";

    /// <summary>Invitation and set-password links (Auth0's password-change tickets).</summary>
    public const string CreateUserTickets = "create:user_tickets";

    /// <summary>Resetting a user's second factor.</summary>
    public const string DeleteGuardianEnrollments = "delete:guardian_enrollments";

    public const string ReadRoles = "read:roles";
    public const string CreateRoles = "create:roles";
    public const string UpdateRoles = "update:roles";
    public const string DeleteRoles = "delete:roles";

    /// <summary>Assigning roles to users and removing them.</summary>
    public const string CreateRoleMembers = "create:role_members";
    public const string DeleteRoleMembers = "delete:role_members";

    public const string ReadClients = "read:clients";
    public const string CreateClients = "create:clients";
    public const string UpdateClients = "update:clients";
    public const string DeleteClients = "delete:clients";

    /// <summary>Rotating a client secret (shown once).</summary>
    public const string UpdateClientKeys = "update:client_keys";

    public const string ReadResourceServers = "read:resource_servers";
    public const string CreateResourceServers = "create:resource_servers";
    public const string UpdateResourceServers = "update:resource_servers";
    public const string DeleteResourceServers = "delete:resource_servers";

    public const string ReadSigningKeys = "read:signing_keys";

    /// <summary>Rotating the signing key.</summary>
    public const string CreateSigningKeys = "create:signing_keys";

    /// <summary>Revoking a signing key.</summary>
    public const string UpdateSigningKeys = "update:signing_keys";

    public const string ReadLogs = "read:logs";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [ReadUsers] = "Read users",
        [CreateUsers] = "Create (invite) users",
        [UpdateUsers] = "Update users: profile, block, unlock, contractor flag",
        [DeleteUsers] = "Delete users",
        [CreateUserTickets] = "Create invitation and set-password links",
        [DeleteGuardianEnrollments] = "Reset a user's second factor",
        [ReadRoles] = "Read roles and their permissions",
        [CreateRoles] = "Create roles",
        [UpdateRoles] = "Rename roles and change their permissions",
        [DeleteRoles] = "Delete roles",
        [CreateRoleMembers] = "Assign roles to users",
        [DeleteRoleMembers] = "Remove roles from users",
        [ReadClients] = "Read applications",
        [CreateClients] = "Register applications",
        [UpdateClients] = "Edit applications",
        [DeleteClients] = "Delete applications",
        [UpdateClientKeys] = "Rotate application secrets",
        [ReadResourceServers] = "Read APIs",
        [CreateResourceServers] = "Register APIs",
        [UpdateResourceServers] = "Edit APIs and their permissions",
        [DeleteResourceServers] = "Delete APIs",
        [ReadSigningKeys] = "Read signing keys",
        [CreateSigningKeys] = "Rotate the signing key",
        [UpdateSigningKeys] = "Revoke a signing key",
        [ReadLogs] = "Read the security and administration log",
    };
}
